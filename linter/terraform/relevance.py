"""Module trees that cannot change a finding, found from bytes before any full parse.

A root module is evaluated only if a module directory it reaches could hold something a check
reads: a resource of a type some check targets, a suppression comment, an override or JSON file,
or a module call that is not a plain local one (a remote source, `count`, `for_each`: those
can give XB001/XB002 warnings). Every other root is only counted: its files are read and
tree-sitter parsed (so syntax errors are reported exactly as a full scan reports them), its
resource blocks are counted and its local module calls followed, but no block body is
converted and nothing is evaluated. Anything unusual on the way (a syntax error, a call that is
not a plain local path, a cycle, the depth limit, a directory outside the repository) sends the
root to the full evaluation, so the result is the same with and without this shortcut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from .. import lazy_re
from ..hcl.parser import Headers
from ..repositories import Repositories
from .source import is_override

_TYPE_CHARS = rb"[A-Za-z0-9_-]"
_SUPPRESSION = lazy_re.compile(rb"(?i)exitlint")
# In a file with a module block, a `source` that is not a local path: a remote module call,
# which a full evaluation reports as unread (XB002) unless .terraform/modules holds it (other
# `source` arguments of that file match too: they only make more files matter).
_MODULE_BLOCK = lazy_re.compile(rb'(?m)^[ \t]*module[ \t]*["A-Za-z_]')
_EXPANDED = lazy_re.compile(rb"\b(?:count|for_each)\s*=")
_REMOTE_SOURCE = lazy_re.compile(rb'source\s*=\s*"(?!\.{1,2}/|\.{1,2}")')


def type_pattern(types: Iterable[str]) -> Any:
    """One pass over a file's bytes finds any of the checked resource types as a whole word
    (quoted label, bare identifier, JSON key): RE2 matches the alternation in linear time."""
    import re2  # type: ignore[import-untyped]  # only when there is Terraform to scan

    words = b"|".join(re.escape(t).encode() for t in sorted(types))
    return re2.compile(rb"(?:^|[^A-Za-z0-9_-])(?:" + words + rb")(?:$|[^A-Za-z0-9_-])")


def file_matters(name: str, data: bytes, types: Any) -> bool:
    """Whether a Terraform file could hold something a check reads (see the module doc); a
    mention anywhere counts, so comments and heredocs can only make more files matter."""
    if name.endswith(".json") or is_override(name):
        return True
    if types.search(data) or _SUPPRESSION.search(data):
        return True
    # module calls with count or for_each are evaluated (their expansion can hit limits)
    return bool(_MODULE_BLOCK.search(data) and (_REMOTE_SOURCE.search(data)
                                                or _EXPANDED.search(data)))


class HeaderReader(Protocol):
    def scan_dir(self, directory: Path) -> list[Headers] | None: ...


class Bail(Exception):
    """The root needs the full evaluation."""


def count_only(root: Path, reader: HeaderReader, allowed_root: Repositories,
               max_depth: int) -> int | None:
    """The number of resources a full evaluation of `root` counts (one per resource block and
    module instance), or None when the root must be evaluated: a file it reaches matters
    (`reader.scan_dir` says None) or its module calls are not plain local ones."""
    try:
        return _count(root.resolve(), (root.resolve(),), reader, allowed_root, max_depth)
    except (Bail, OSError, RuntimeError):
        return None


def _count(directory: Path, chain: tuple[Path, ...], reader: HeaderReader,
           allowed_root: Repositories, max_depth: int) -> int:
    files = reader.scan_dir(directory)
    if files is None:
        raise Bail
    resources: set[str] = set()
    calls: dict[str, tuple[str | None, bool]] = {}
    for headers in files:
        resources.update(headers.resources)
        for name, source, expanded in headers.modules:
            calls.setdefault(name, (source, expanded))  # the first declaration wins, as in load_dir
    total = len(resources)
    for name in sorted(calls):
        source, expanded = calls[name]
        if source is None or expanded or not (source.startswith(("./", "../"))
                                              or source in (".", "..")):
            raise Bail
        if len(chain) > max_depth:
            raise Bail
        try:
            target = (directory / source).resolve()
        except (OSError, RuntimeError):
            raise Bail from None
        if not allowed_root.holds(target):
            raise Bail
        if target in chain:
            raise Bail
        total += _count(target, (*chain, target), reader, allowed_root, max_depth)
    return total


def quiet_roots(roots: list[Path], calls: dict[Path, set[Path]],
                matters: dict[Path, bool]) -> frozenset[Path]:
    """Roots worth trying `count_only` on: no directory their local calls reach (as the
    byte-level call scan finds them) has a file that matters. Only a shortcut to skip doomed
    attempts: count_only checks every file it reads again."""
    out = set()
    for root in roots:
        reach = {root}
        stack = [root]
        ok = True
        while stack and ok:
            cur = stack.pop()
            ok = matters.get(cur) is False
            for nxt in calls.get(cur, ()):
                if nxt not in reach:
                    reach.add(nxt)
                    stack.append(nxt)
        if ok:
            out.add(root)
    return frozenset(out)
