"""String functions beyond the core set: chomp, formatlist, indent, strcontains, strrev."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .base import MAX_BUILT, FunctionError, strict, text, whole


def _indent(n: Any, s: Any) -> Any:
    spaces, body = whole(n), text(s)
    if spaces < 0:
        raise FunctionError("negative indent")
    if len(body) + body.count("\n") * spaces > MAX_BUILT:
        raise FunctionError("value too large to evaluate statically")
    return body.replace("\n", "\n" + " " * spaces)


def _formatlist(fmt: Any, *args: Any) -> Any:
    """format() applied element-wise: lists of one length, other arguments repeated."""
    from ..functions import call  # the one format implementation

    lengths = {len(a) for a in args if isinstance(a, list)}
    if len(lengths) > 1:
        raise FunctionError("formatlist: lists of different lengths")
    n = lengths.pop() if lengths else 1
    out = []
    for i in range(n):
        row = [a[i] if isinstance(a, list) else a for a in args]
        value = call("format", [fmt, *row])
        if not isinstance(value, str):
            return value  # an Unknown with its reason
        out.append(value)
    return out


TABLE: dict[str, Callable[..., Any]] = {
    "chomp": strict(lambda s: text(s).rstrip("\r\n")),
    "formatlist": strict(_formatlist),
    "indent": strict(_indent),
    "strcontains": strict(lambda s, sub: text(sub) in text(s)),
    "strrev": strict(lambda s: text(s)[::-1]),
}

