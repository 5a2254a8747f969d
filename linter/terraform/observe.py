"""What an evaluation read, observed at the moment of reading.

The result cache (linter/cache.py) keeps a root module's result together with every observation
its evaluation made, and reuses the result only when every observation, taken again, gives the
same token. An observation is a key (what was looked at) and a token (what was seen):

- ("file", path): blake2b of the exact bytes that were parsed, or the error the read got
  (missing, unreadable, too large, not a regular file, outside the repository, UTF-16...);
- ("dir", path): where the directory resolves and its full listing (names and types), for every
  module directory loaded, including those that do not exist or hold no Terraform file;
- ("text", [module dir, path]): what file()/templatefile() returned (content hash or reason);
- ("source", [dirs, names, call, source]): where a module call's source resolved (path or
  reason), which covers `.terraform/modules/modules.json` and symlinked module directories.

File tokens hash the bytes the parser got, so a file saved during a scan can never be cached
under its new content. The recorder belongs to one FileReader (and the Projects evaluated with
it) and is passed explicitly; the reading code calls it through the decorators below.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..model import ScanError

Key = tuple[str, str]
CONFLICT = "!changed while it was scanned"  # never produced by a replay: the entry is not kept

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


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def read_token(data: bytes | None, error: ScanError | None) -> str:
    if data is not None:
        return "h:" + digest(data)
    if error is None:
        return "e:"
    return f"e:{error.line}:{error.column}:{error.message}"


def value_token(value: Any) -> str:
    """Token of what file()/templatefile() or a module source resolution returned."""
    if isinstance(value, str):
        return "h:" + digest(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, Path):
        return "p:" + str(value)
    return "u:" + str(getattr(value, "reason", value))


def _kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_symlink():
            try:
                mode = os.stat(entry.path).st_mode
            except OSError:
                return "l-"  # dangling or a loop
            return "ld" if stat.S_ISDIR(mode) else "lf" if stat.S_ISREG(mode) else "lo"
        if entry.is_dir(follow_symlinks=False):
            return "d"
        return "f" if entry.is_file(follow_symlinks=False) else "o"
    except OSError:
        return "?"


def listing(directory: str) -> list[str] | None:
    """Every name in `directory` with its type (a symlink with its target's), None when it
    cannot be listed. Types matter: `terraform.tfvars` is read only when it is a file."""
    try:
        with os.scandir(directory) as entries:
            return sorted(f"{e.name}/{_kind(e)}" for e in entries)
    except OSError:
        return None


def dir_token(directory: Path, resolve: Callable[[str], str] | None = None) -> tuple[str, str]:
    """(resolved path, token) of a module directory as it is now. `resolve` may replace
    Path.resolve (a memoised equivalent, see Resolver)."""
    try:
        resolved = resolve(str(directory)) if resolve else str(Path(directory).resolve())
    except (OSError, RuntimeError) as exc:  # a symlink loop
        return str(directory), f"!{type(exc).__name__}"
    return resolved, json.dumps([resolved, listing(resolved)])


class Resolver:
    """Path.resolve for many absolute paths sharing parents: each parent is resolved once,
    and only a component that is a symlink is handed to Path.resolve (so results, loops and
    all, are Path.resolve's). Used to re-check thousands of module directories quickly."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        done = self._memo.get(path)
        if done is not None:
            return done
        parent, name = os.path.split(path)
        if not os.path.isabs(path) or not name or name in (".", "..") or ".." in path.split("/"):
            result = str(Path(path).resolve())
        else:
            joined = os.path.join(self(parent), name)
            try:
                link = stat.S_ISLNK(os.lstat(joined).st_mode)
            except OSError:
                link = False  # missing: resolve() keeps the name as it is
            result = str(Path(joined).resolve()) if link else joined
        self._memo[path] = result
        return result


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
            rec.note(("text", json.dumps([str(self.module.source.dir), path])), value_token(value))
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
