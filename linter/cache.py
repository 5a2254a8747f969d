"""Result cache: a root module's result (and the Kubernetes front end's, as a whole) is reused
only when it is exactly what a scan would compute now.

- The key (salt) holds exitlint's version, a content hash of the engine's code and bundled data,
  the versions and files of its dependencies (Python, iptocc and its data, tree-sitter,
  tree-sitter-hcl, PyYAML, jsonschema, click) and the scan settings (policy content, variables,
  limits, allowed root, report base, scan date).
- An entry is one unit's result (a Terraform root module's, the Kubernetes front end's as a
  whole), opaque here: the caller names the unit and passes the result's type, a dataclass
  encoded and decoded field by field from its type hints. With it the entry holds the
  observations the result rests on (linter/observations.py: the hash of the exact bytes read
  or the error each read got, directory resolutions and listings, and the front end's own
  kinds). On load each one is taken again; one difference and the unit is evaluated afresh.
  A unit without observations (Kubernetes) is keyed by its caller on the content of its inputs.
- Entries are JSON only, opened without following links or blocking, size-capped, and fully
  type-checked; anything unexpected is a miss, never an error. The directory is the user's
  (absolute, owned by them, 0700), never inside the scanned tree unless named by --cache-dir.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import os
import stat
import sys
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .fileio import read_capped, write_bytes_atomic
from .hashes import sha256
from .observations import Key, Resolver, dir_token
from .tree_stamp import Hasher, remembered

FORMAT = 3
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


def usable_cache_dir(directory: Path | None, scanned: list[Path], explicit: bool,
                     git_root: Callable[[Path], Path | None]) -> Path | None:
    """`directory` made ready (0700, created when missing), or None (no cache, no error) when it
    is relative, not the user's, writable by others, not a directory, or, unless named
    explicitly, inside a scanned path or its git work tree (a repository must not be able to
    plant results). `git_root` finds a path's work tree (the caller's: the cache knows no
    discovery)."""
    if directory is None or not directory.is_absolute():
        return None
    try:
        real = directory.resolve()
        if not explicit:
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
def engine_stamp(directory: Path | None = None) -> str:
    """The stamp, taken once per process (the code that runs is the code loaded when the scan
    began), remembered in `directory` when given (see compute_stamp)."""
    if not _stamp:
        _stamp.append(compute_stamp(directory))
    return _stamp[0]


_stamp: list[str] = []  # this process's, once taken


def compute_stamp(directory: Path | None = None) -> str:
    """Content hash of exitlint's code and bundled data (checks/, schemas/), and of the
    interpreter and dependencies: a changed checkout, catalogue or iptocc database (a new
    release moves address blocks between countries) never reuses another one's results.
    With a cache `directory` it is remembered there with the stat of every path it read
    (tree_stamp.py) and reused, without reading those files, while none of them changed."""
    from .resources import checks_dir, schemas_dir

    here = Path(__file__).resolve().parent
    key = [str(here), str(checks_dir()), str(schemas_dir()), sys.version,
           sys.implementation.name, sys.platform, *(os.path.abspath(p) for p in sys.path)]
    return remembered(directory, key, functools.partial(_engine_hash, here))


def _engine_hash(here: Path, h: Hasher) -> None:
    import importlib.metadata
    import importlib.util

    from .resources import checks_dir, schemas_dir

    h.files(here, sorted(h.listing(here, recurse=True, suffixes=(".py",))))
    for tree in (checks_dir(), schemas_dir()):
        h.files(tree, sorted(h.listing(tree, recurse=True, suffixes=None)))
    h.update(f"{sys.version}|{sys.implementation.name}|{sys.platform}".encode())
    for entry in sys.path:  # where packages and their metadata are found
        h.watch(entry or ".")
    for dist in _DEPENDENCIES:
        try:
            version = importlib.metadata.version(dist)
            _watch_metadata(h, importlib.metadata.distribution(dist))
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"|{dist}={version}".encode())
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        locations = list(spec.submodule_search_locations or []) if spec is not None else []
        for location in locations:
            top = Path(location)
            h.files(top, sorted(h.listing(top, recurse=False, suffixes=None)))


def _watch_metadata(h: Hasher, dist: Any) -> None:
    """The stats that vouch for a distribution's version: its metadata directory and files."""
    where = getattr(dist, "_path", None)  # PathDistribution's; anything else is not vouched for
    if not isinstance(where, Path):
        h.unvouched = True
        return
    for path in h.listing(where, recurse=False, suffixes=None):
        h.watch(path)


def settings_salt(parts: list[Any]) -> str:
    """The scan settings' share of the key (the caller passes contents, not paths)."""
    return sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


# -- typed JSON for findings and errors ------------------------------------------------------
class _Bad(Exception):
    """A cache entry that is not exactly what this version writes."""


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
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
    if tp is Path:
        if type(raw) is not str:
            raise _Bad(tp)
        return Path(raw)
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


T = TypeVar("T")

# What a front end does for the observation kinds the cache does not replay itself.
FrontReplay = Callable[[str, str], str]


# -- replaying observations -------------------------------------------------------------------
class Replay:
    """Takes observations again, as the files are now; each key once per run (modules shared by
    many roots are checked once). Directories are replayed here; every other kind by the
    front end that recorded it (`front`), with the code that read during the scan."""

    def __init__(self, front: FrontReplay | None = None) -> None:
        self.now: dict[Key, str] = {}
        self._resolve = Resolver()
        self._front = front

    def token(self, key: Key) -> str:
        if key not in self.now:
            self.now[key] = self._take(*key)
        return self.now[key]

    def _take(self, kind: str, arg: str) -> str:
        if kind == "dir":
            return dir_token(Path(arg), self._resolve)[1]
        if self._front is not None:
            return self._front(kind, arg)
        return "!unknown observation"


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
    """Units' results, each under a kind (a directory of its own) and a name."""

    def __init__(self, directory: Path, settings: str, replay: Replay | None = None) -> None:
        self.directory = directory
        self.salt = f"{FORMAT}|{__version__}|{engine_stamp(directory)}|{settings}"
        self.replay = replay if replay is not None else Replay()

    def _path(self, kind: str, name: str) -> Path:
        key = sha256(f"{self.salt}|{kind}|{name}".encode("utf-8", "surrogatepass"))
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
        if header != {"salt": self.salt, "name": name, "sum": sha256(body).hexdigest()}:
            return None
        payload = json.loads(body)
        return payload if isinstance(payload, dict) else None

    def _write(self, path: Path, name: str, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, separators=(",", ":")).encode("utf-8", "surrogatepass")
        header = {"salt": self.salt, "name": name, "sum": sha256(body).hexdigest()}
        write_bytes_atomic(path, json.dumps(header).encode() + b"\n" + body)

    def load(self, kind: str, name: str, tp: type[T]) -> T | None:
        """The cached result of unit `name`, a `tp`, when every observation it rests on still
        holds."""
        try:
            raw = self._entry(self._path(kind, name), name)
            if raw is None or set(raw) != {"obs", "result"}:
                return None
            for key, token in _observations(raw["obs"]):
                if self.replay.token(key) != token:
                    return None
            result: T = decode(raw["result"], tp)
            return result
        except Exception:  # whatever is wrong with an entry, it is only a miss
            return None

    def store(self, kind: str, name: str, result: Any,
              observations: Mapping[Key, str] | None = None) -> None:
        """Keep `result` (a dataclass) for unit `name` with the observations it rests on; not
        kept when it would not decode back to an equal value."""
        raw = _faithful(result, type(result))
        if raw is None:
            return
        obs = sorted([k, a, t] for (k, a), t in (observations or {}).items())
        self._write(self._path(kind, name), name, {"obs": obs, "result": raw})
