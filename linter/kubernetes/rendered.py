"""Rendered manifests (Helm, Kustomize, GitOps) and the way back to the files they came from.

A renderer's output is scanned like any manifest, under an internal name; afterwards every
finding (and every `related` origin) placed in that output is moved to the real source file and
to the line of that file that produced the rendered line (`align`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field, replace
from pathlib import Path

from .. import lazy_re
from ..model import Finding, Origin, Span
from ..records import dataclass

SEP = "\x00rendered"  # marks an internal display name; never in a real path


@dataclass
class Rendered:
    """One rendered text and where its lines come from."""

    path: Path  # the real source file (its policy and `kubernetes.paths` apply)
    file: str  # the real file as shown in the report
    text: str
    lines: list[int] = field(default_factory=list)  # rendered line - 1 -> source line
    columns: dict[int, int] = field(default_factory=dict)  # source line -> column
    via: str = ""  # what rendered it, e.g. "chart vpn"
    origins: dict[int, tuple[Origin, ...]] = field(default_factory=dict)  # source line -> values
    always: tuple[Origin, ...] = ()  # what every finding in it passed through (an overlay)

    def line(self, rendered_line: int) -> int:
        if 1 <= rendered_line <= len(self.lines):
            return self.lines[rendered_line - 1]
        return self.lines[-1] if self.lines else 1


_KEY = lazy_re.compile(r"^(?:-\s+)*([^:#{}\s][^:{}]*?)\s*:(?:\s|$)")
_WINDOW = 600


def _key(line: str) -> str | None:
    s = line.strip()
    if not s or s.startswith(("#", "{{")) or s == "---":
        return None
    m = _KEY.match(s)
    if m:
        return m.group(1).strip("\"'") + ":"
    return s


def align(rendered: str, source: str, start: int = 1) -> tuple[list[int], dict[int, int]]:
    """For each line of `rendered`, the line of `source` (1-based) that most likely produced it:
    the next source line with the same key (`image:`), searched forward from the last match
    (templates keep their order), then from `start` again (a `range` loop repeats lines);
    lines a helper or generator added map to the last matched line. Also the column of each
    matched source line."""
    src = source.splitlines()
    keys = [_key(x) for x in src]
    out: list[int] = []
    cols: dict[int, int] = {}
    cursor = max(start - 1, 0)
    last = max(start, 1)
    for raw in rendered.splitlines():
        k = _key(raw)
        hit = None
        if k is not None:
            for j in range(cursor, min(len(src), cursor + _WINDOW)):
                if keys[j] == k:
                    hit = j
                    break
            if hit is None:
                for j in range(max(start - 1, 0), min(cursor, len(src))):
                    if keys[j] == k:
                        hit = j
                        break
        if hit is not None:
            last = hit + 1
            cursor = hit + 1
            text = src[hit]
            cols[last] = len(text) - len(text.lstrip()) + 1
        out.append(last)
    return out, cols


def internal_name(rendered: Rendered, n: int) -> str:
    return f"{rendered.file}{SEP}{n}"


def remap(findings: Iterable[Finding], by_name: dict[str, Rendered]) -> list[Finding]:
    """Findings and their origins moved from rendered output to the source files; findings
    that become identical (a base rendered through two overlays) are kept once."""
    out: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    for f in findings:
        span = f.span
        r = by_name.get(span.file)
        related = tuple(_origin(o, by_name) for o in f.related)
        if r is not None:
            line = r.line(span.line)
            span = Span(r.file, line, r.columns.get(line, 1))
            related = r.origins.get(line, ()) + related + r.always
        message = f.message
        for name, rr in by_name.items():
            if name in message:
                message = message.replace(name, rr.file)
        g = replace(f, span=span, related=related, message=message)
        key = (g.check_id, g.span.file, g.span.line, g.resource, g.suppressed, g.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(g)
    return out


def _origin(o: Origin, by_name: dict[str, Rendered]) -> Origin:
    r = by_name.get(o.file)
    if r is None:
        return o
    return replace(o, file=r.file, line=r.line(o.line))


_SOURCE = lazy_re.compile(r"(?m)^# Source: (\S[^\n]*?)\s*$")


def split_sources(text: str) -> list[tuple[str | None, str, int]]:
    """A rendered stream (`helm template`) cut at its `# Source: path` comments: (path or None
    for what precedes the first one, text, line of the text's start in the stream)."""
    marks = list(_SOURCE.finditer(text))
    if not marks:
        return [(None, text, 1)]
    out: list[tuple[str | None, str, int]] = []
    head = text[: marks[0].start()]
    if head.strip():
        out.append((None, head, 1))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        # a '---' that closes this piece belongs to the next document
        body = text[m.start():end]
        out.append((m.group(1), body, text.count("\n", 0, m.start()) + 1))
    return out
