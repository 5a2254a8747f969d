"""Numeric functions: abs, ceil, floor, log, max, min, parseint, pow, signum."""

from __future__ import annotations

import math
import string
from collections.abc import Callable
from typing import Any

from .base import FunctionError, number, strict, text, whole

MAX_BITS = 4096  # integers beyond this many bits are not computed with (pow(10, 1e9) would hang)
_DIGITS = string.digits + string.ascii_lowercase + string.ascii_uppercase


def _small(n: int | float) -> int | float:
    if isinstance(n, int) and n.bit_length() > MAX_BITS:
        raise FunctionError("number too large to evaluate statically")
    return n


def _integral(x: float) -> int | float:
    return int(x) if math.isfinite(x) else x


def _ceil(v: Any) -> Any:
    n = number(v)
    return n if isinstance(n, int) else _integral(math.ceil(n))


def _floor(v: Any) -> Any:
    n = number(v)
    return n if isinstance(n, int) else _integral(math.floor(n))


def _log(v: Any, base: Any) -> Any:
    n, b = float(number(v)), float(number(base))
    if n <= 0 or b <= 0 or b == 1:
        raise FunctionError("log of a non-positive number or base")
    return math.log(n, b)


def _pow(v: Any, p: Any) -> Any:
    x, y = _small(number(v)), _small(number(p))
    if isinstance(x, int) and isinstance(y, int) and y >= 0:
        if y * max(1, x.bit_length()) > MAX_BITS:
            raise FunctionError("number too large to evaluate statically")
        return x**y
    return math.pow(x, y)  # OverflowError and ValueError become Unknown


def _signum(v: Any) -> Any:
    n = number(v)
    return (n > 0) - (n < 0)


def _parseint(v: Any, base: Any) -> Any:
    """parseint("FF", 16): digits 0-9, a-z, then A-Z for bases above 36 (Go's big.Int)."""
    s, b = text(v), whole(base)
    if not 2 <= b <= 62:
        raise FunctionError("base must be between 2 and 62")
    if len(s) > 1024:
        raise FunctionError("number too long to evaluate statically")
    sign = -1 if s.startswith("-") else 1
    digits = s[1:] if s[:1] in "+-" and s else s
    if not digits:
        raise FunctionError("not a number")
    value = 0
    for c in digits:
        d = _DIGITS.find(c if b > 36 else c.lower())
        if not 0 <= d < b:
            raise FunctionError(f"{s[:40]!r} is not a base-{b} number")
        value = value * b + d
    return sign * value


def _extreme(pick: Callable[..., Any]) -> Callable[..., Any]:
    def fn(*args: Any) -> Any:
        if not args:
            raise FunctionError("at least one number")
        return pick(number(a) for a in args)

    return fn


TABLE: dict[str, Callable[..., Any]] = {
    "abs": strict(lambda v: abs(number(v))),
    "ceil": strict(_ceil),
    "floor": strict(_floor),
    "log": strict(_log),
    "max": strict(_extreme(max)),
    "min": strict(_extreme(min)),
    "parseint": strict(_parseint),
    "pow": strict(_pow),
    "signum": strict(_signum),
}
