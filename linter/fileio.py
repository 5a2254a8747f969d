"""Small file helpers shared by the caches: bounded reads of entries, atomic JSON writes."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from .records import dataclass


@dataclass(frozen=True)
class Bounded:
    """What one bounded read of a path saw."""

    errno: int | None = None  # opening or reading failed with this error
    mode: int = 0  # st_mode of the opened file; 0 when it could not be opened
    size: int = 0  # st_size of the opened file
    data: bytes = b""  # at most cap + 1 bytes, read only from a regular file

    @property
    def regular(self) -> bool:
        return self.errno is None and stat.S_ISREG(self.mode)


def read_bounded(path: Path | str, cap: int, *, follow_symlinks: bool = True,
                 skip_larger: bool = True) -> Bounded:
    """Open without blocking, check the open descriptor, read at most `cap + 1` bytes: the one
    way exitlint reads a file it does not trust to be small or regular (a FIFO would wait
    forever, /dev/zero would fill the memory, a file may grow while it is read). A file whose
    size is over `cap` is not read at all when `skip_larger`."""
    flags = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
             | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0)))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return Bounded(errno=exc.errno or 0)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (skip_larger and st.st_size > cap):
            return Bounded(mode=st.st_mode, size=st.st_size)
        chunks = []
        left = cap + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return Bounded(errno=exc.errno or 0)
    finally:
        os.close(fd)
    return Bounded(None, st.st_mode, st.st_size, b"".join(chunks))


def read_capped(path: Path | str, cap: int) -> bytes | None:
    """The bytes of a regular file of at most `cap` bytes, else None. Never follows a symlink
    and never blocks: a cache entry replaced by a FIFO, a device or a link to /dev/zero is a
    miss, not a hang or a MemoryError."""
    got = read_bounded(path, cap, follow_symlinks=False)
    return got.data if got.regular and got.size <= cap and len(got.data) <= cap else None


def read_json_capped(path: Path | str, cap: int) -> Any:
    """JSON of a cache entry (see read_capped), or None when absent or not JSON."""
    data = read_capped(path, cap)
    if data is None:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def write_json_atomic(path: Path | str, data: Any) -> None:
    """Write JSON atomically (see write_bytes_atomic); data that is not JSON-shaped is not
    written."""
    try:
        text = json.dumps(data, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return
    write_bytes_atomic(path, text.encode("utf-8", "surrogatepass"))


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Write so that readers see the old or the new content, never half of it; a failure (no
    room, no permission) only means the cache is not written. Directories are created private
    (0700): entries are trusted only as far as nobody else can write them."""
    directory = os.path.dirname(path)
    tmp = None
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        fd, tmp = _temp_file(directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    except (OSError, UnicodeError):
        return
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


_TEMP_FLAGS = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _temp_file(directory: str) -> tuple[int, str]:
    """What `tempfile.mkstemp(dir=directory, suffix=".tmp")` does: a new file, private (0600),
    under an unguessable name, opened for writing. Not tempfile itself: it imports shutil, bz2,
    lzma and random, ~5 ms of every run that writes the cache (a pre-commit run does)."""
    for _ in range(100):
        name = os.path.join(directory, f"tmp{os.urandom(8).hex()}.tmp")
        try:
            return os.open(name, _TEMP_FLAGS, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", directory)
