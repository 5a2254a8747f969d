"""Shared argument handling of the built-in functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..values import ResourceRef, Unknown, first_unknown, to_str

MAX_BUILT = 1_000_000  # characters plus elements a function may build (checked before building)


class FunctionError(Exception):
    pass


def strict(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a function that needs fully known arguments (a string, a number: its value)."""

    def wrapper(*args: Any) -> Any:
        for a in args:
            u = first_unknown(a)
            if u is not None:
                return u
        return fn(*args)

    return wrapper


def shallow(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a function that needs its arguments themselves known, not their elements: unknown
    is per element (SPEC 9), so `length()` of a list with one unknown element is known and
    `flatten()` keeps the known elements next to the unknown one."""

    def wrapper(*args: Any) -> Any:
        for a in args:
            if isinstance(a, (Unknown, ResourceRef)):
                return first_unknown(a)
        return fn(*args)

    return wrapper


def text(v: Any) -> str:
    s = to_str(v)
    if isinstance(s, Unknown):
        raise FunctionError(s.reason)
    return s


def seq(v: Any) -> list[Any]:
    if isinstance(v, list):
        return v
    if isinstance(v, dict):
        return list(v.values())
    raise FunctionError("expected a list")


def number(v: Any) -> int | float:
    """A number argument; numeric strings convert as Terraform converts them."""
    if isinstance(v, bool):
        raise FunctionError("expected a number, got a bool")
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return float(v)
            except ValueError as exc:
                raise FunctionError(f"{v[:40]!r} is not a number") from exc
    raise FunctionError("expected a number")


def whole(v: Any) -> int:
    n = number(v)
    if isinstance(n, float):
        if not n.is_integer():
            raise FunctionError("expected a whole number")
        n = int(n)
    return n


def boolean(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return bool(v == "true")
    raise FunctionError("expected a bool")


def canon(v: Any) -> Any:
    """A hashable stand-in for a value, equal exactly when Terraform's values are equal
    (a bool is not the number 1; 1 and 1.0 are one number)."""
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, (int, float)):
        return ("n", v)
    if isinstance(v, str):
        return ("s", v)
    if v is None:
        return ("z",)
    if isinstance(v, list):
        return ("l", tuple(canon(x) for x in v))
    if isinstance(v, dict):
        return ("m", tuple(sorted((str(k), canon(x)) for k, x in v.items())))
    return ("o", id(v))  # resource and module objects, unknowns: the same object only


def unique(items: list[Any]) -> list[Any]:
    """The first occurrence of each value, in order (hashing keeps this linear)."""
    seen: set[Any] = set()
    out: list[Any] = []
    for x in items:
        key = canon(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def as_set(items: list[Any]) -> list[Any]:
    """A set as Terraform orders it: strings lexically, numbers numerically, else as given."""
    out = unique(items)
    strings = all(isinstance(x, str) for x in out)
    if strings or all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in out):
        out.sort()
    return out
