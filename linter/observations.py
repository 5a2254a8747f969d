"""Observations of the file system, taken while a unit is evaluated and again when its cached
result is considered (linter/cache.py). Generic: which files and directories a front end looks
at, and how it reads them, is the front end's (terraform/observe.py records Terraform's).

An observation is a key (kind, argument) and a token (what was seen). The tokens here are the
ones any reader shares: the hash of bytes, a directory's resolution and listing (names with
types), a plain text file's hash taken without a reader.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .fileio import read_bounded
from .hashes import blake2b
from .model import ScanError

Key = tuple[str, str]
CONFLICT = "!changed while it was scanned"  # never produced by a replay: the entry is not kept


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def read_token(data: bytes | None, error: ScanError | None) -> str:
    """Token of what a read returned: the bytes' hash, or the error it got."""
    if data is not None:
        return "h:" + digest(data)
    if error is None:
        return "e:"
    return f"e:{error.line}:{error.column}:{error.message}"


def value_token(value: Any) -> str:
    """Token of a value an evaluation got from the file system: text (hashed), a path, or
    something else that says why not (its `reason`)."""
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
    cannot be listed. Types matter: a reader may read a name only when it is a file."""
    try:
        with os.scandir(directory) as entries:
            return sorted(f"{e.name}/{_kind(e)}" for e in entries)
    except OSError:
        return None


def dir_token(directory: Path, resolve: Callable[[str], str] | None = None) -> tuple[str, str]:
    """(resolved path, token) of a directory as it is now. `resolve` may replace Path.resolve
    (a memoised equivalent, see Resolver)."""
    try:
        resolved = resolve(str(directory)) if resolve else str(Path(directory).resolve())
    except (OSError, RuntimeError) as exc:  # a symlink loop
        return str(directory), f"!{type(exc).__name__}"
    return resolved, json.dumps([resolved, listing(resolved)])


class Resolver:
    """Path.resolve for many absolute paths sharing parents: each parent is resolved once,
    and only a component that is a symlink is handed to Path.resolve (so results, loops and
    all, are Path.resolve's). Used to re-check thousands of directories quickly."""

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


def plain_text(path: str, max_size: int) -> str | None:
    """The read token of a plain file, taken without a reader's per-file overhead (a warm run
    checks thousands): a regular file, not a symlink, within `max_size`, valid UTF-8 without
    BOM or NUL. Anything else: None, and the caller asks its reader (which decides what such
    a file gives). For a plain file, a reader that returns the bytes as they are gives the
    same token, so a match can only come from the same bytes the scan parsed."""
    got = read_bounded(path, max_size, follow_symlinks=False)
    data = got.data
    if not got.regular or got.size > max_size or len(data) != got.size \
            or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:8192]:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "h:" + digest(data)


def content_token(path: Path, limit: int) -> str | None:
    """Size and hash of what a reader limited to `limit` bytes can see of `path` (None when it
    is not a regular file, `!errno` when it cannot be opened)."""
    got = read_bounded(path, limit, skip_larger=False)
    if got.errno is not None:
        return f"!{got.errno}"
    if not got.regular:
        return None
    return f"{got.size}:{digest(got.data)}"
