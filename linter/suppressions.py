"""Inline suppressions: `# exitlint:ignore XB101,XB102 reason="..." until=2027-01-01` (SPEC §5)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Protocol

from . import lazy_re
from .records import dataclass

_MARK = lazy_re.compile(r"exitlint:ignore\b(.*)$", re.I)
# any `exitlint:<word>` directive: one that is not `ignore` is malformed (XB909), never skipped
_DIRECTIVE = lazy_re.compile(r"exitlint:([A-Za-z][\w-]*)(.*)$", re.I)
_PAIR = lazy_re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_ID = lazy_re.compile(r"^XB\d{3}$")


@dataclass(frozen=True)
class Suppression:
    line: int
    column: int
    ids: tuple[str, ...]
    reason: str
    until: dt.date | None
    until_text: str  # as written, for messages when it is not a date
    # the file holding the comment when it is not the subject's own: a comment above a
    # `module` block covers the findings inside that call (shown as the caller's file)
    file: str | None = None
    directive: str = "ignore"  # as written after `exitlint:`; anything else is malformed
    unknown_fields: tuple[str, ...] = ()  # `key=` other than reason/until (`reasn=`, `untl=`)

    def expired(self, today: dt.date) -> bool:
        return self.until is not None and self.until < today

    @property
    def problem(self) -> str:
        """Why the comment cannot be read as a suppression (then it hides nothing: XB909),
        or ""."""
        if self.directive.lower() != "ignore":
            return (f"unknown directive exitlint:{self.directive} (the only directive is "
                    "exitlint:ignore)")
        if self.until_text and not _is_date(self.until_text):
            return f"until={self.until_text} is not a date (write until=YYYY-MM-DD)"
        if self.unknown_fields:
            return "; ".join(_unknown_field(k) for k in self.unknown_fields)
        return ""


def _unknown_field(key: str) -> str:
    import difflib  # only for a misspelt key

    close = difflib.get_close_matches(key, ("reason", "until"), n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}=?" if close else "the fields are reason= and until="
    return f"unknown field {key}= ({hint})"


def parse_suppression(text: str, line: int, column: int) -> Suppression | None:
    """Parse one comment; None when it is not an exitlint suppression."""
    m = _MARK.search(text)
    if m is None:
        return _other_directive(text, line, column)
    rest = m.group(1).strip().rstrip("*/").strip()
    pairs_at = _PAIR.search(rest)
    id_part = rest[: pairs_at.start()] if pairs_at else rest
    ids = tuple(sorted({p.strip().upper() for p in re.split(r"[,\s]+", id_part) if p.strip()}))
    reason, until_text = "", ""
    unknown: list[str] = []
    for pm in _PAIR.finditer(rest):
        key = pm.group(1).lower()
        value = next((g for g in pm.groups()[1:] if g is not None), "")
        if key == "reason":
            reason = value.strip()
        elif key == "until":
            until_text = value.strip()
        else:
            unknown.append(pm.group(1))
    until = None
    if until_text:
        try:
            until = dt.date.fromisoformat(until_text)
        except ValueError:
            until = dt.date.min  # an unreadable date never keeps a finding hidden
    return Suppression(line, column, ids, reason, until, until_text,
                       unknown_fields=tuple(sorted(set(unknown))))


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _other_directive(text: str, line: int, column: int) -> Suppression | None:
    """An `exitlint:<directive>` comment other than `exitlint:ignore` (a typo such as
    `exitlint:ingore`, or `exitlint:disable`): kept as a malformed suppression that hides
    nothing, so it is reported instead of silently doing nothing."""
    m = _DIRECTIVE.search(text)
    if m is None:
        return None
    parsed = parse_suppression("exitlint:ignore" + m.group(2), line, column)
    if parsed is None:  # pragma: no cover - the text always carries the mark
        return None
    return Suppression(line, column, parsed.ids, parsed.reason, dt.date.min, parsed.until_text,
                       directive=m.group(1))


def is_check_id(value: str) -> bool:
    return bool(_ID.match(value))


class Comment(Protocol):
    """A comment as a front end read it (the HCL reader's `Comment`)."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...

    @property
    def text(self) -> str: ...


def attached(comments: Iterable[Comment], start: int, end: int) -> tuple[Suppression, ...]:
    """The suppressions that apply to a block spanning lines start..end: comments inside it,
    and those in the run of comment lines directly above it (SPEC §5)."""
    listed = list(comments)
    if not listed:
        return ()
    comment_lines = {c.line for c in listed}
    out = []
    for c in listed:
        if c.line > end:
            continue
        if c.line < start and not all(ln in comment_lines for ln in range(c.line, start)):
            continue
        s = parse_suppression(c.text, c.line, c.column)
        if s is not None:
            out.append(s)
    return tuple(out)


def in_file(suppressions: Iterable[Suppression], file: str) -> tuple[Suppression, ...]:
    """The suppressions, marked as written in `file` (a module call's, for the findings inside
    the module it calls)."""
    return tuple(replace(s, file=file) for s in suppressions)


ANNOTATION = "exitlint.io/ignore"  # the annotation form on a Kubernetes object (SPEC §5)
_UNTIL = lazy_re.compile(r"\buntil\s*=\s*[\"']?(\S+?)[\"']?(?:\s|$)", re.I)


def parse_annotation(value: str, line: int, column: int) -> Suppression:
    """`XB701,XB702: reason` (optionally `until=YYYY-MM-DD`), or the comment syntax."""
    text = value.strip()
    if re.search(r"\breason\s*=", text, re.I):
        body = re.sub(r"^([\sXBxb0-9,]+):", r"\1 ", text)
        parsed = parse_suppression("exitlint:ignore " + body, line, column)
        if parsed is not None:
            return parsed
    ids_part, _, reason = text.partition(":")
    ids = tuple(sorted({p.strip().upper() for p in re.split(r"[,\s]+", ids_part) if p.strip()}))
    until_text = ""
    m = _UNTIL.search(reason)
    if m:
        until_text = m.group(1)
        reason = (reason[: m.start()] + " " + reason[m.end():]).strip()
    until = None
    if until_text:
        try:
            until = dt.date.fromisoformat(until_text)
        except ValueError:
            until = dt.date.min
    return Suppression(line, column, ids, reason.strip().strip("\"'").strip(), until, until_text)
