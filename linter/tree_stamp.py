"""A content hash of files and directory listings, remembered with the stat of everything it
read, so that the next run reuses it without reading a byte when nothing it covers changed.

Each path is stat'ed *before* it is read or listed, and the stamp is reused only when every
recorded stat (size, mtime, ctime, inode, device, mode) is the same now. Any write moves a
file's ctime, which no user can set back; adding, removing or renaming an entry moves its
directory's; so a content change with size and mtime restored still changes the stamp. A path
changed within the last seconds is not trusted (timestamps are coarse: two writes in one tick
could share one ctime), nor is a set with something no stat vouches for: then the stamp is
computed again next time. Records are JSON in the user's cache directory (0700, atomic
writes, checked before use); anything unexpected in one is a miss.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from .fileio import read_json_capped, write_json_atomic
from .hashes import blake2b, sha256

FORMAT = 1
RACY_NS = 2_000_000_000  # a path changed this recently is not trusted to stay described
_MAX_RECORD = 16 * 1024 * 1024

Stat = list[int] | None  # size, mtime_ns, ctime_ns, inode, device, mode; None: absent


def stat_of(path: str) -> Stat:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, st.st_mode]


class Hasher:
    """Feeds a blake2b hash and notes, before each read or listing, the stat that vouches for
    what was read."""

    def __init__(self) -> None:
        self._h = blake2b(digest_size=20)
        self.stats: dict[str, Stat] = {}
        self.unvouched = False  # something went in that no recorded stat covers

    def update(self, data: bytes) -> None:
        self._h.update(data)

    def watch(self, path: Path | str) -> Stat:
        """Record `path`'s stat now (what a later run compares)."""
        key = os.path.abspath(path)
        st = stat_of(key)
        self.stats[key] = st
        return st

    def listing(self, directory: Path, *, recurse: bool, suffixes: tuple[str, ...] | None,
                skip: frozenset[str] = frozenset({"__pycache__"})) -> list[Path]:
        """The files of `directory` (and below it when `recurse`, never into `skip` nor a
        symlinked directory), each directory's stat recorded before it is listed."""
        files: list[Path] = []
        self.watch(directory)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            return files
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError:
                continue
            if is_dir:
                if recurse and entry.name not in skip:
                    files.extend(self.listing(Path(entry.path), recurse=True, suffixes=suffixes,
                                              skip=skip))
            elif is_file and (suffixes is None or entry.name.endswith(suffixes)):
                files.append(Path(entry.path))
        return files

    def files(self, root: Path, files: list[Path]) -> None:
        """Each file's name (relative to `root`), length and bytes, its stat taken first."""
        for path in files:
            self.watch(path)
            try:
                data = path.read_bytes()
            except OSError:
                data = b"\0unreadable"
            name = str(path.relative_to(root))
            self._h.update(f"{name}:{len(data)}:".encode("utf-8", "surrogateescape"))
            self._h.update(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def remembered(directory: Path | None, key: list[str], compute: Callable[[Hasher], None]) -> str:
    """The stamp `compute` makes, reused from `directory` (a cache directory already checked
    as the user's) when it was made under the same `key` and every path it read has the stat
    it had then; else computed and, when all of it is vouched for and settled, recorded."""
    name = sha256(json.dumps([FORMAT, *key]).encode("utf-8", "surrogatepass"))
    record = directory / "stamp" / f"{name.hexdigest()}.json" if directory is not None else None
    if record is not None:
        known = _reusable(read_json_capped(record, _MAX_RECORD), key)
        if known is not None:
            return known
    hasher = Hasher()
    compute(hasher)
    stamp = hasher.hexdigest()
    if record is not None and not hasher.unvouched and _settled(hasher.stats):
        stats = sorted([path, st] for path, st in hasher.stats.items())
        write_json_atomic(record, {"format": FORMAT, "key": key, "stats": stats,
                                   "stamp": stamp, "sum": _sum(key, stats, stamp)})
    return stamp


def _reusable(raw: object, key: list[str]) -> str | None:
    """The record's stamp when it is well formed, for `key`, and every stat still holds."""
    if not isinstance(raw, dict) or set(raw) != {"format", "key", "stats", "stamp", "sum"} \
            or raw["format"] != FORMAT or raw["key"] != key:
        return None
    stats, stamp = raw["stats"], raw["stamp"]
    if not isinstance(stats, list) or not isinstance(stamp, str) \
            or raw["sum"] != _sum(key, stats, stamp):
        return None
    for item in stats:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            return None
        if stat_of(item[0]) != item[1]:
            return None
    return stamp


def _settled(stats: dict[str, Stat]) -> bool:
    """Nothing changed so recently that a further change could keep the same stat."""
    horizon = time.time_ns() - RACY_NS
    return all(st is None or st[2] < horizon for st in stats.values())  # ctime: set by writes


def _sum(key: list[str], stats: object, stamp: str) -> str:
    text = json.dumps([key, stats, stamp], separators=(",", ":"))
    return sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
