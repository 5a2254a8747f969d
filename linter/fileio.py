"""Small file helpers shared by the caches: a file's identity, and atomic JSON writes."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def stat_signature(path: Path | str) -> str | None:
    """A file's identity for a cache: size, modification time and inode, as git's index and
    ruff's cache use. Reading every file again would cost more than a warm run may take."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def write_json_atomic(path: Path | str, data: Any) -> None:
    """Write JSON so that readers see the old or the new content, never half of it; a failure
    (no room, data that is not JSON-shaped) only means the cache is not written."""
    directory = os.path.dirname(path)
    tmp = None
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
        os.replace(tmp, path)
        tmp = None
    except (OSError, TypeError, ValueError):
        return
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
