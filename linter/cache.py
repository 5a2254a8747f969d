"""Result cache: a root module's result (and the Kubernetes front end's, as a whole) is reused
only when it is exactly what a scan would compute now.

- The key (salt) holds exitlint's version, a content hash of the engine's code and bundled data,
  the versions and files of its dependencies (Python, iptocc and its data, tree-sitter,
  tree-sitter-hcl, PyYAML, jsonschema, click) and the scan settings (policy content, variables,
  limits, allowed root, report base, scan date).
- A Terraform entry holds every observation its evaluation made while reading
  (terraform/observe.py): the hash of the exact bytes parsed or the error each read got, every
  module directory's resolution and listing, what file() returned, where each module source
  resolved. On load each one is taken again; one difference and the root is evaluated afresh.
- A Kubernetes entry is keyed on the content of every manifest, hashed before the scan and
  checked again after it.
- Entries are JSON only, opened without following links or blocking, size-capped, and fully
  type-checked; anything unexpected is a miss, never an error. The directory is the user's
  (absolute, owned by them, 0700), never inside the scanned tree unless named by --cache-dir.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import stat
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__
from .engine.context import PartResult
from .fileio import read_capped, write_bytes_atomic
from .model import Finding, ScanError
from .terraform.observe import Key, Resolver, digest, dir_token, read_token, value_token
from .terraform.scan import RootResult

FORMAT = 2
MAX_ENTRY = 64 * 1024 * 1024  # bytes: a result far larger than any real one is not read
_DEPENDENCIES = ("iptocc", "tree-sitter", "tree-sitter-hcl", "PyYAML", "jsonschema", "click",
                 "google-re2")
_PACKAGES = ("iptocc", "tree_sitter", "tree_sitter_hcl", "yaml", "re2")  # their code and data files


# -- where --------------------------------------------------------------------------------
def default_cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/exitlint, else ~/.cache/exitlint; None when neither is an absolute path
    (HOME unset for a uid without a passwd entry makes `~` stay `~`: a relative path would put
    the cache in the scanned repository)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "exitlint"
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / "exitlint"


def usable_cache_dir(directory: Path | None, scanned: list[Path], explicit: bool) -> Path | None:
    """`directory` made ready (0700, created when missing), or None (no cache, no error) when it
    is relative, not the user's, writable by others, not a directory, or, unless named
    explicitly, inside a scanned path or its git work tree (a repository must not be able to
    plant results)."""
    if directory is None or not directory.is_absolute():
        return None
    try:
        real = directory.resolve()
        if not explicit:
            from .discovery import git_root

            for path in scanned:
                top = path.resolve()
                for tree in (top, git_root(top)):
                    if tree is not None and real.is_relative_to(tree):
                        return None
        os.makedirs(real, mode=0o700, exist_ok=True)
        st = os.stat(real)
    except (OSError, RuntimeError, ValueError):
        return None
    getuid = getattr(os, "getuid", None)  # POSIX; elsewhere the file system's ACLs decide
    if not stat.S_ISDIR(st.st_mode) or (getuid is not None and st.st_uid != getuid()) \
            or st.st_mode & 0o022:  # writable by others: entries could be planted
        return None
    return real


# -- key ------------------------------------------------------------------------------------
def _hash_tree(h: Any, root: Path, suffixes: tuple[str, ...] | None) -> None:
    files: list[Path] = []
    for directory, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        files.extend(Path(directory) / n for n in names
                     if suffixes is None or n.endswith(suffixes))
    _hash_files(h, root, sorted(files))


def _hash_files(h: Any, root: Path, files: list[Path]) -> None:
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"
        name = str(path.relative_to(root))
        h.update(f"{name}:{len(data)}:".encode("utf-8", "surrogateescape"))
        h.update(data)


@functools.cache  # per process: the code that runs is the code loaded when the scan began
def engine_stamp() -> str:
    """Content hash of exitlint's code and bundled data (checks/, schemas/), and of the
    interpreter and dependencies: a changed checkout, catalogue or iptocc database (a new
    release moves address blocks between countries) never reuses another one's results."""
    from .resources import checks_dir, schemas_dir

    h = hashlib.blake2b(digest_size=20)
    _hash_tree(h, Path(__file__).resolve().parent, (".py",))
    _hash_tree(h, checks_dir(), None)
    _hash_tree(h, schemas_dir(), None)
    h.update(f"{sys.version}|{platform.python_implementation()}|{sys.platform}".encode())
    for dist in _DEPENDENCIES:
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"|{dist}={version}".encode())
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        locations = list(spec.submodule_search_locations or []) if spec is not None else []
        for location in locations:
            top = Path(location)
            _hash_files(h, top, sorted(p for p in top.iterdir() if p.is_file()))
    return h.hexdigest()


def settings_salt(parts: list[Any]) -> str:
    """The scan settings' share of the key (the caller passes contents, not paths)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


# -- typed JSON for findings and errors ------------------------------------------------------
class _Bad(Exception):
    """A cache entry that is not exactly what this version writes."""


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(raw: Any, tp: Any) -> Any:
    """`raw` as a value of type `tp`, checked all the way down; _Bad when it is not one."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            try:
                return decode(raw, arg)
            except _Bad:
                continue
        raise _Bad(tp)
    if tp is type(None):
        if raw is not None:
            raise _Bad(tp)
        return None
    if tp is bool or tp is str:
        if type(raw) is not tp:
            raise _Bad(tp)
        return raw
    if tp is int:
        if type(raw) is not int:
            raise _Bad(tp)
        return raw
    if tp is float:
        if type(raw) not in (int, float):
            raise _Bad(tp)
        return float(raw)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(raw)
        except (ValueError, TypeError) as exc:
            raise _Bad(tp) from exc
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        fields = [f for f in dataclasses.fields(tp) if f.init]
        if not isinstance(raw, dict) or set(raw) != {f.name for f in fields}:
            raise _Bad(tp)
        hints = _hints(tp)
        return tp(**{f.name: decode(raw[f.name], hints[f.name]) for f in fields})
    if origin in (list, tuple) and isinstance(raw, list):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(args) != len(raw):
                raise _Bad(tp)
            return tuple(decode(v, a) for v, a in zip(raw, args, strict=True))
        items = [decode(v, args[0]) for v in raw]
        return tuple(items) if origin is tuple else items
    if origin is dict and isinstance(raw, dict):
        return {decode(k, args[0]): decode(v, args[1]) for k, v in raw.items()}
    raise _Bad(tp)  # Any and anything else: not something this cache writes


def _faithful(value: Any, tp: Any) -> Any:
    """JSON for `value` when it decodes back to an equal value, else None (then not cached)."""
    raw = encode(value)
    try:
        return raw if decode(json.loads(json.dumps(raw)), tp) == value else None
    except (_Bad, TypeError, ValueError, RecursionError):
        return None


_RESULT_FIELDS = (("findings", list[Finding]), ("errors", list[ScanError]),
                  ("notes", list[str]), ("resources", int))
_PART_FIELDS = (*_RESULT_FIELDS, ("files", int))


# -- replaying observations -------------------------------------------------------------------
class Replay:
    """Takes observations again, as the files are now; each key once per run (modules shared by
    many roots are checked once)."""

    def __init__(self, display: Callable[[Path], str], max_size: int, allowed_root: Path) -> None:
        self.display = display
        self.max_size = max_size
        self.allowed_root = allowed_root
        self.now: dict[Key, str] = {}
        self._resolve = Resolver()
        self._project: Any = None

    def token(self, key: Key) -> str:
        if key not in self.now:
            self.now[key] = self._take(*key)
        return self.now[key]

    def _take(self, kind: str, arg: str) -> str:
        # the same code that read during the scan, with a reader/project that records nothing
        from .terraform.instances import Limits, ModuleInstance, Project, Scope
        from .terraform.loader import FileReader

        if kind == "file":
            plain = _plain_text(arg, self.max_size)
            if plain is not None:
                return plain
            reader = FileReader(self.display, self.max_size, allowed_root=self.allowed_root)
            data = reader.read_bytes(Path(arg))
            return read_token(data, reader.errors.get(self.display(Path(arg))))
        if kind == "dir":
            return dir_token(Path(arg), self._resolve)[1]
        if self._project is None:  # one for all replays: it records nothing
            self._project = Project(lambda _d: None, Limits(self.allowed_root))
        project = self._project
        if kind == "text":
            module_dir, path = json.loads(arg)
            return value_token(Scope(_stub(project, module_dir)).file_text(path))
        if kind == "source":
            module_dir, root_dir, names, name, src = json.loads(arg)
            module = _stub(project, module_dir)
            module.root_module = _stub(project, root_dir)
            module.names = tuple(names)
            return value_token(ModuleInstance._resolve_source(module, name, src))
        return "!unknown observation"


def _plain_text(path: str, max_size: int) -> str | None:
    """The token FileReader.read_bytes gives a plain file, without its per-file overhead (a
    warm run checks thousands): a regular file, not a symlink, within the size limit, valid
    UTF-8 without BOM or NUL, which the reader returns byte for byte. Anything else: None, and
    the reader itself is asked. A match can only come from the same bytes the scan parsed."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_size:
            return None
        data = os.read(fd, st.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) != st.st_size or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
            or b"\x00" in data[:8192]:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "h:" + digest(data)


def _stub(project: Any, directory: str) -> Any:
    """A module instance with just what reading needs: its directory and the project."""
    from .terraform.instances import ModuleInstance

    module: Any = ModuleInstance.__new__(ModuleInstance)
    module.project = project
    module.source = types.SimpleNamespace(dir=Path(directory))
    module.root_module = module
    module.names = ()
    return module


def _observations(raw: Any) -> list[tuple[Key, str]]:
    if not isinstance(raw, list):
        raise _Bad("obs")
    out = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 3 and all(type(v) is str for v in item)):
            raise _Bad("obs")
        out.append(((item[0], item[1]), item[2]))
    return out


# -- the cache ----------------------------------------------------------------------------------
class ResultCache:
    def __init__(self, directory: Path, settings: str, replay: Replay) -> None:
        self.directory = directory
        self.salt = f"{FORMAT}|{__version__}|{engine_stamp()}|{settings}"
        self.replay = replay

    def _path(self, kind: str, name: str) -> Path:
        key = hashlib.sha256(f"{self.salt}|{kind}|{name}".encode("utf-8", "surrogatepass"))
        hexd = key.hexdigest()
        return self.directory / kind / hexd[:2] / f"{hexd}.json"

    def _entry(self, path: Path, name: str) -> dict[str, Any] | None:
        """An entry's payload, when it was written by this engine with these settings for `name`
        and is intact (its checksum: a truncated, corrupted or hand-edited entry is a miss).
        An entry is a header line (JSON) and the payload (JSON) whose hash the header holds."""
        data = read_capped(path, MAX_ENTRY)
        head, sep, body = (data or b"").partition(b"\n")
        if not sep:
            return None
        header = json.loads(head)
        if header != {"salt": self.salt, "name": name, "sum": hashlib.sha256(body).hexdigest()}:
            return None
        payload = json.loads(body)
        return payload if isinstance(payload, dict) else None

    def _write(self, path: Path, name: str, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, separators=(",", ":")).encode("utf-8", "surrogatepass")
        header = {"salt": self.salt, "name": name, "sum": hashlib.sha256(body).hexdigest()}
        write_bytes_atomic(path, json.dumps(header).encode() + b"\n" + body)

    def load(self, root: Path) -> RootResult | None:
        """The cached result of `root`, when every observation it rests on still holds."""
        try:
            raw = self._entry(self._path("roots", str(root)), str(root))
            if raw is None:
                return None
            for key, token in _observations(raw.get("obs")):
                if self.replay.token(key) != token:
                    return None
            return RootResult(root, **{n: decode(raw.get(n), tp) for n, tp in _RESULT_FIELDS})
        except Exception:  # whatever is wrong with an entry, it is only a miss
            return None

    def store(self, res: RootResult) -> None:
        if res.observed is None:
            return
        entry: dict[str, Any] = {"obs": sorted([k, a, t] for (k, a), t in res.observed.items())}
        for name, tp in _RESULT_FIELDS:
            entry[name] = _faithful(getattr(res, name), tp)
            if entry[name] is None:
                return
        self._write(self._path("roots", str(res.root)), str(res.root), entry)

    # -- a whole front end's result (Kubernetes), keyed on the content of every input ----------
    def part_key(self, name: str, files: list[Path], limit: int) -> str | None:
        """Content key of `files` now (None when one cannot be read as a regular file)."""
        h = hashlib.sha256(f"{name}|{len(files)}".encode())
        for path in sorted(files):
            token = content_token(path, limit)
            if token is None:
                return None
            h.update(f"|{path}\0{token}".encode("utf-8", "surrogatepass"))
            for chart in _chart_markers(path):  # a templated file in a chart is judged apart
                h.update(f"|chart:{chart}={os.path.isfile(chart)}".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def load_part(self, key: str) -> PartResult | None:
        try:
            raw = self._entry(self._path("parts", key), key)
            if raw is None:
                return None
            return PartResult(**{n: decode(raw.get(n), tp) for n, tp in _PART_FIELDS})
        except Exception:  # a wrong entry is a miss
            return None

    def store_part(self, key: str, part: PartResult) -> None:
        entry: dict[str, Any] = {}
        for name, tp in _PART_FIELDS:
            entry[name] = _faithful(getattr(part, name), tp)
            if entry[name] is None:
                return
        self._write(self._path("parts", key), key, entry)


def content_token(path: Path, limit: int) -> str | None:
    """Size and hash of what a reader limited to `limit` bytes can see of `path`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return f"!{exc.errno}"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return f"{st.st_size}:{digest(b''.join(chunks))}"
    except OSError as exc:
        return f"!{exc.errno}"
    finally:
        os.close(fd)


def _chart_markers(path: Path) -> list[str]:
    """The Chart.yaml files whose existence decides how a templated file under `templates/`
    is judged (kubernetes.scan._in_chart looks six levels up)."""
    out = []
    directory = os.path.dirname(str(path))
    for _ in range(6):
        if os.path.basename(directory) == "templates":
            out.append(os.path.join(os.path.dirname(directory), "Chart.yaml"))
        directory = os.path.dirname(directory)
    return out
