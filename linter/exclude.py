"""`exclude` globs (policy) and `--exclude` (command line): which files a scan never reads
(SPEC §4, §9 "What is read").

Gitignore-like semantics, on paths with forward slashes relative to a base directory (the
policy file's directory for `exclude`, the current directory for `--exclude`):

- `*` matches any characters within one path segment, `?` one character, `[abc]` a class;
- `**` as a whole segment matches any number of segments, zero included (`**/x.tf`,
  `legacy/**`, `a/**/b`);
- a pattern without a `/` (other than a trailing one) matches a name at any depth
  (`*.auto.tfvars`, `legacy`); a pattern with a `/` is anchored at the base (a leading `/` only
  says so explicitly);
- a pattern that matches a directory excludes everything below it (`legacy`, `legacy/`,
  `legacy/**` are the same); a trailing `/` matches directories only;
- a file outside the base is never matched by that base's patterns.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from .discovery import Discovered
from .records import dataclass


@dataclass(frozen=True)
class Excludes:
    """Compiled patterns and the directory they are relative to."""

    base: Path
    patterns: tuple[str, ...]

    def matches(self, path: Path) -> str | None:
        """The first pattern that excludes `path` (absolute), or None."""
        if not self.patterns:
            return None
        try:
            rel = os.path.relpath(path, self.base)
        except ValueError:  # another drive (Windows)
            return None
        rel = rel.replace(os.sep, "/")
        if rel == "." or rel == ".." or rel.startswith("../"):
            return None
        parts = rel.split("/")
        for pattern in self.patterns:
            regex, dir_only = _compile(pattern)
            # the file itself (unless the pattern names directories only), then each directory
            # above it: a matched directory excludes what lies below
            last = len(parts) if not dir_only else len(parts) - 1
            for n in range(last, 0, -1):
                if regex.fullmatch("/".join(parts[:n])):
                    return pattern
        return None


@cache
def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    """A pattern as a regex over a relative path, and whether it matches directories only."""
    p = pattern.replace("\\", "/") if os.sep == "\\" else pattern
    dir_only = p.endswith("/")
    p = p.rstrip("/")
    anchored = "/" in p
    p = p.lstrip("/")
    while p.startswith("./"):
        p = p[2:]
    segments = [s for s in p.split("/") if s not in ("", ".")] or ["**"]
    if not anchored:
        segments = ["**", *segments]
    out: list[str] = []
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == "**":
            out.append(".*" if last else "(?:[^/]*/)*")
            continue
        out.append(_segment(seg) + ("" if last else "/"))
    return re.compile("".join(out), re.DOTALL), dir_only


def _segment(seg: str) -> str:
    """One path segment of a glob as a regex (never crossing `/`)."""
    out: list[str] = []
    i = 0
    while i < len(seg):
        c = seg[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = seg.find("]", i + 2 if seg[i + 1:i + 2] in ("!", "^") else i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = seg[i + 1:j]
                neg = body[:1] in ("!", "^")
                body = body[1:] if neg else body
                body = body.replace("\\", "\\\\").replace("/", "")
                out.append(f"[{'^/' if neg else ''}{body}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def invalid_pattern(pattern: str) -> str | None:
    """Why a pattern cannot be used, or None."""
    try:
        _compile(pattern)
    except re.error as exc:
        return f"{pattern!r} is not a valid glob ({exc})"
    return None


@dataclass(frozen=True)
class Excluded:
    """A file left out of the scan and the pattern (with where it was given) that did it."""

    path: Path
    pattern: str
    source: str  # "--exclude" or the policy file as shown


def partition(paths: Iterable[Path],
              rules: Callable[[Path], Iterable[tuple[Excludes, str]]]
              ) -> tuple[list[Path], list[Excluded]]:
    """Split `paths` into those kept and those excluded; `rules(path)` gives the pattern sets
    that apply to a file (the command line's, its governing policy's) with their source."""
    kept: list[Path] = []
    excluded: list[Excluded] = []
    for path in paths:
        for rule, source in rules(path):
            hit = rule.matches(path)
            if hit is not None:
                excluded.append(Excluded(path, hit, source))
                break
        else:
            kept.append(path)
    return kept, excluded


def exclude_found(found: Discovered,
                  rules: Callable[[Path], Iterable[tuple[Excludes, str]]],
                  counted: bool = True) -> list[Excluded]:
    """Remove the excluded files from every bucket of `found` (in place); returns them (those
    that would have been read: named or discovered) when `counted`."""
    out: list[Excluded] = []
    for bucket in (found.terraform, found.tfvars, found.other, found.irregular, found.outside):
        kept, gone = partition(bucket, rules)
        bucket[:] = kept
        out.extend(gone)
    gone_paths = {e.path for e in out}
    found.explicit -= gone_paths
    return sorted(out, key=lambda e: e.path.parts) if counted else []
