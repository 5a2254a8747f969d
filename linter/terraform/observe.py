"""What an evaluation read, observed at the moment of reading.

The result cache (linter/cache.py) keeps a root module's result together with every observation
its evaluation made, and reuses the result only when every observation, taken again, gives the
same token. An observation is a key (what was looked at) and a token (what was seen):

- ("file", path): blake2b of the exact bytes that were parsed, or the error the read got
  (missing, unreadable, too large, not a regular file, outside the repository, UTF-16...);
- ("dir", path): where the directory resolves and its full listing (names and types), for every
  module directory loaded, including those that do not exist or hold no Terraform file;
- ("text", [module dir, path]): what file()/templatefile() returned (content hash or reason);
- ("files", [module dir, path]): the files fileset() listed below a directory (or the reason);
- ("source", [dirs, names, call, source]): where a module call's source resolved (path or
  reason), which covers `.terraform/modules/modules.json` and symlinked module directories.

File tokens hash the bytes the parser got, so a file saved during a scan can never be cached
under its new content. The recorder belongs to one FileReader (and the Projects evaluated with
it) and is passed explicitly; the reading code calls it through the decorators below.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

# the tokens themselves are generic (linter/observations.py, shared with the result cache)
from ..observations import CONFLICT, Key, dir_token, plain_text, read_token, value_token
from ..repositories import Repositories

F = TypeVar("F", bound=Callable[..., Any])


class Recorder:
    """Observations of one reader. `frame()` collects the keys one root's evaluation used, also
    those answered from the reader's memo (a module parsed earlier for another root)."""

    def __init__(self, active: bool = False) -> None:
        self.active = active  # False: keys are still attributed to frames, nothing is hashed
        self.seen: dict[Key, str] = {}
        self._frames: list[set[Key]] = []
        self._groups: dict[str, set[Key]] = {}  # resolved module directory -> what loading it read
        self.resolved: dict[str, str] = {}  # module directory as given -> resolved, when loaded

    def note(self, key: Key, token: str) -> None:
        old = self.seen.get(key)
        # the same path seen twice with different content in one scan: nothing is cached
        self.seen[key] = token if old is None or old == token else CONFLICT
        self.touch(key)

    def touch(self, key: Key) -> None:
        for frame in self._frames:
            frame.add(key)

    def touch_group(self, group: str, keys: Iterable[Key]) -> None:
        known = self._groups.setdefault(group, set())
        known.update(keys)
        for key in known:
            self.touch(key)

    @contextmanager
    def frame(self) -> Iterator[set[Key]]:
        keys: set[Key] = set()
        self._frames.append(keys)
        try:
            yield keys
        finally:  # by identity: two frames may hold equal sets
            self._frames = [f for f in self._frames if f is not keys]

    def observations(self, keys: Iterable[Key]) -> dict[Key, str] | None:
        """The tokens of `keys`, or None when one is missing or changed during the scan."""
        out: dict[Key, str] = {}
        for key in keys:
            token = self.seen.get(key)
            if token is None or token == CONFLICT:
                return None
            out[key] = token
        return out


# -- hooks: one decorator line on each reading method ---------------------------------------
def recorded_read(method: F) -> F:
    """FileReader.read_bytes: the token of exactly what the parser gets (or the error)."""

    @functools.wraps(method)
    def wrapper(self: Any, path: Path) -> bytes | None:
        data: bytes | None = method(self, path)
        rec: Recorder = self.recorder
        key = ("file", str(path))
        if rec.active:
            rec.note(key, read_token(data, self.errors.get(self.display(path))))
        else:
            rec.touch(key)
        return data

    return wrapper  # type: ignore[return-value]


def recorded_parse(method: F) -> F:
    """FileReader.parse: a memoised parse still makes the result depend on that file."""

    @functools.wraps(method)
    def wrapper(self: Any, path: Path) -> Any:
        self.recorder.touch(("file", str(path)))
        return method(self, path)

    return wrapper  # type: ignore[return-value]


def recorded_load_dir(method: F) -> F:
    """FileReader.load_dir: where the directory resolves and what it lists, taken before and
    after loading (a difference: nothing is cached), plus what loading it read, also when the
    reader answers from its memo."""

    @functools.wraps(method)
    def wrapper(self: Any, directory: Path) -> Any:
        rec: Recorder = self.recorder
        if not rec.active:
            return method(self, directory)
        key = ("dir", str(directory))
        known = rec.resolved.get(key[1])
        if known is not None:  # loaded before in this scan: the reader answers from its memo
            rec.touch(key)
            rec.touch_group(known, ())
            return method(self, directory)
        resolved, before = dir_token(directory)
        with rec.frame() as inner:
            result = method(self, directory)
        after = dir_token(directory)[1]
        rec.note(key, before if after == before else CONFLICT)
        rec.resolved[key[1]] = resolved
        rec.touch_group(resolved, inner)
        return result

    return wrapper  # type: ignore[return-value]


def recorded_text(method: F) -> F:
    """Scope.file_text (file(), templatefile()): what the evaluation got."""

    @functools.wraps(method)
    def wrapper(self: Any, path: str) -> Any:
        value = method(self, path)
        rec: Recorder = self.module.project.recorder
        if rec.active:
            # the directory a relative path is read from (Scope.relative_to_cwd): the root's
            rec.note(("text", json.dumps([str(self.module.root_module.source.dir), path])),
                     value_token(value))
        return value

    return wrapper  # type: ignore[return-value]


def recorded_files(method: F) -> F:
    """Scope.list_files (fileset()): the files the evaluation saw below a directory."""

    @functools.wraps(method)
    def wrapper(self: Any, path: str) -> Any:
        value = method(self, path)
        rec: Recorder = self.module.project.recorder
        if rec.active:
            rec.note(("files", json.dumps([str(self.module.root_module.source.dir), path])),
                     value_token(value))
        return value

    return wrapper  # type: ignore[return-value]


def recorded_source(method: F) -> F:
    """ModuleInstance._resolve_source: the directory (or reason) a module call resolved to."""

    @functools.wraps(method)
    def wrapper(self: Any, name: str, src: str) -> Any:
        value = method(self, name, src)
        rec: Recorder = self.project.recorder
        if rec.active:
            arg = json.dumps([str(self.source.dir), str(self.root_module.source.dir),
                              list(self.names), name, src])
            rec.note(("source", arg), value_token(value))
        return value

    return wrapper  # type: ignore[return-value]


# -- replay: the same observations taken again, for the result cache -------------------------
class TerraformReplay:
    """Takes Terraform's observations again with the same code that read during the scan,
    through a reader and a project that record nothing. The result cache calls it for the
    kinds it does not know itself (it replays "dir" generically)."""

    def __init__(self, display: Callable[[Path], str], max_size: int,
                 allowed_root: Repositories) -> None:
        self.display = display
        self.max_size = max_size
        self.allowed_root = allowed_root
        self._project: Any = None

    def __call__(self, kind: str, arg: str) -> str:
        # imported here: the reader and the evaluator import this module for their hooks
        from .files import FileReader
        from .instances import Limits, ModuleInstance, Project, Scope

        if kind == "file":
            plain = plain_text(arg, self.max_size)
            if plain is not None:
                return plain
            reader = FileReader(self.display, self.max_size, allowed_root=self.allowed_root)
            data = reader.read_bytes(Path(arg))
            return read_token(data, reader.errors.get(self.display(Path(arg))))
        if kind not in ("text", "files", "source"):
            return "!unknown observation"
        if self._project is None:  # one for all replays: it records nothing
            self._project = Project(lambda _d: None, Limits(self.allowed_root),
                                    display=self.display)
        project = self._project
        if kind == "text":  # the root module's directory: relative paths are read from it
            root_dir, path = json.loads(arg)
            return value_token(Scope(_stub(project, root_dir)).file_text(path))
        if kind == "files":
            root_dir, path = json.loads(arg)
            return value_token(Scope(_stub(project, root_dir)).list_files(path))
        module_dir, root_dir, names, name, src = json.loads(arg)
        module = _stub(project, module_dir)
        module.root_module = _stub(project, root_dir)
        module.names = tuple(names)
        return value_token(ModuleInstance._resolve_source(module, name, src))


def _stub(project: Any, directory: str) -> Any:
    """A module instance with just what reading needs: its directory and the project."""
    from .instances import ModuleInstance

    module: Any = ModuleInstance.__new__(ModuleInstance)
    module.project = project
    module.source = types.SimpleNamespace(dir=Path(directory))
    module.root_module = module
    module.names = ()
    return module
