"""Filesystem functions. The pure path ones (basename, dirname, pathexpand) are here; the ones
that read files (file, filebase64, fileexists, fileset, templatefile, file hashes, abspath)
are evaluated by `expressions.py` through the scope, which reads only inside the repository,
bounded (`fileio.read_bounded`); `list_files` and `fileset_pattern` serve fileset()."""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..values import Unknown
from .base import FunctionError, strict, text

MAX_FILES = 10_000  # files fileset() lists under one directory; beyond it the result is unknown


def _clean(p: str) -> str:
    return posixpath.normpath(p) if p else "."


def _dirname(v: Any) -> Any:
    """Go's filepath.Dir: everything before the last separator, cleaned ("." when none)."""
    p = text(v)
    return _clean(p[: p.rfind("/") + 1])


def _basename(v: Any) -> Any:
    """Go's filepath.Base: the last element, trailing separators ignored ("." for "")."""
    p = text(v)
    if not p:
        return "."
    stripped = p.rstrip("/")
    return stripped.rsplit("/", 1)[-1] if stripped else "/"


def _pathexpand(v: Any) -> Any:
    p = text(v)
    if p == "~" or p.startswith("~/"):
        return Unknown("pathexpand(): the home directory of the machine running Terraform")
    return p


def _literal(c: str) -> str:
    return "\\" + c if c in _META else c


_META = frozenset("\\.+*?()|[]{}^$")


def fileset_pattern(pattern: str) -> str:
    """A fileset() glob as an RE2 pattern: `*` and `?` within one path element, `**` across
    elements, `[...]` classes and `{a,b}` alternatives."""
    out: list[str] = []
    i, depth = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                raise FunctionError("unterminated [ in the pattern")
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
            continue
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(_literal(pattern[i]))
        else:
            out.append(_literal(c))
        i += 1
    if depth:
        raise FunctionError("unbalanced { in the pattern")
    return "".join(out)


def list_files(directory: Path, inside: Callable[[Path], bool]) -> list[str] | Unknown:
    """The regular files below `directory`, as sorted slash paths relative to it: symlinked
    directories are not followed, nothing outside the repository is listed."""
    if not inside(directory):
        return Unknown(f"fileset(): {directory.name} is outside the scanned repository")
    found: list[str] = []
    for top, dirs, files in os.walk(directory, followlinks=False):
        dirs.sort()
        for name in files:
            path = Path(top) / name
            try:
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode):
                    if not inside(path):
                        continue
                    mode = path.stat().st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                found.append(path.relative_to(directory).as_posix())
            if len(found) > MAX_FILES:
                return Unknown(f"fileset(): more than {MAX_FILES} files below the directory")
    return sorted(found)


TABLE: dict[str, Callable[..., Any]] = {
    "basename": strict(_basename),
    "dirname": strict(_dirname),
    "pathexpand": strict(_pathexpand),
}
