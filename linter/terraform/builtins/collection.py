"""Collection functions beyond the core set: alltrue, anytrue, chunklist, index, matchkeys,
setintersection, setproduct, setsubtract, setunion, slice, sum, transpose.

Unknown is per element: a function that only moves elements (slice, chunklist, set
operations on known elements) keeps the unknown ones where they are; one that must look at
every element (sum, alltrue) is unknown when one of them is, unless the known ones decide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..values import ResourceRef, Unknown, first_unknown, position_unknown
from .base import MAX_BUILT, FunctionError, as_set, boolean, canon, number, seq, shallow, strict, text, whole


def _truth(items: list[Any], wanted: bool) -> Any:
    """alltrue (wanted False: any false element decides) / anytrue (any true one decides)."""
    unknown = None
    for x in items:
        if isinstance(x, (Unknown, ResourceRef)):
            unknown = unknown or first_unknown(x)
            continue
        if x is None:
            raise FunctionError("null element")
        if boolean(x) == wanted:
            return wanted
    return unknown if unknown is not None else not wanted


def _chunklist(v: Any, size: Any) -> Any:
    items, n = seq(v), whole(size)
    marker = position_unknown(items)
    if marker is not None:
        return marker
    if n < 0:
        raise FunctionError("chunk size must not be negative")
    if n == 0:
        return [list(items)]
    return [items[i : i + n] for i in range(0, len(items), n)]


def _index(v: Any, value: Any) -> Any:
    if isinstance(value, (Unknown, ResourceRef)):
        return first_unknown(value)
    wanted = canon(value)
    for i, x in enumerate(seq(v)):
        if isinstance(x, (Unknown, ResourceRef)):
            return first_unknown(x)  # it may be the one
        if canon(x) == wanted:
            return i
    raise FunctionError("value not in the list")


def _matchkeys(values: Any, keys: Any, search: Any) -> Any:
    vals, ks, wanted = seq(values), seq(keys), seq(search)
    if len(vals) != len(ks):
        raise FunctionError("values and keys have different lengths")
    u = first_unknown([ks, wanted])
    if u is not None:
        return u
    targets = {canon(w) for w in wanted}
    return [v for v, k in zip(vals, ks, strict=True) if canon(k) in targets]


def _known_elements(sets: tuple[Any, ...]) -> list[list[Any]]:
    lists = [seq(s) for s in sets]
    u = first_unknown(lists)
    if u is not None:
        raise _Unknown(u)
    return lists


class _Unknown(Exception):
    def __init__(self, value: Unknown) -> None:
        self.value = value


def _sets(fn: Callable[[list[list[Any]]], Any]) -> Callable[..., Any]:
    """Set operations compare elements: every element must be known."""

    def wrapper(*sets: Any) -> Any:
        if not sets:
            raise FunctionError("at least one set")
        try:
            return fn(_known_elements(sets))
        except _Unknown as u:
            return u.value

    return wrapper


def _union(lists: list[list[Any]]) -> Any:
    return as_set([x for items in lists for x in items])


def _intersection(lists: list[list[Any]]) -> Any:
    keep = set.intersection(*({canon(x) for x in items} for items in lists))
    return as_set([x for x in lists[0] if canon(x) in keep])


def _subtract(lists: list[list[Any]]) -> Any:
    if len(lists) != 2:
        raise FunctionError("setsubtract takes two sets")
    drop = {canon(x) for x in lists[1]}
    return as_set([x for x in lists[0] if canon(x) not in drop])


def _product(*sets: Any) -> Any:
    lists = [seq(s) for s in sets]
    if len(lists) < 2:
        raise FunctionError("setproduct takes at least two sets")
    total = 1
    for items in lists:
        total *= len(items)
        if total * len(lists) > MAX_BUILT:  # checked before building: 5 sets of 1,000
            raise FunctionError("value too large to evaluate statically")
    out: list[list[Any]] = [[]]
    for items in lists:
        out = [[*row, x] for row in out for x in items]
    return out


def _slice(v: Any, start: Any, end: Any) -> Any:
    items, a, b = seq(v), whole(start), whole(end)
    marker = position_unknown(items, b)
    if marker is not None:
        return marker
    if not 0 <= a <= b <= len(items):
        raise FunctionError("slice bounds out of range")
    return items[a:b]


def _sum(v: Any) -> Any:
    items = seq(v)
    if not items:
        raise FunctionError("sum of an empty list")
    u = first_unknown(items)
    if u is not None:
        return u
    total: int | float = 0
    for x in items:
        total += number(x)
    return total


def _transpose(v: Any) -> Any:
    if not isinstance(v, dict):
        raise FunctionError("transpose takes a map of lists")
    out: dict[str, list[str]] = {}
    for key in sorted(v):
        items = v[key]
        if isinstance(items, (Unknown, ResourceRef)):
            return first_unknown(items)
        for x in seq(items):
            u = first_unknown(x)
            if u is not None:
                return u
            out.setdefault(text(x), []).append(key)
    return dict(sorted(out.items()))


TABLE: dict[str, Callable[..., Any]] = {
    "alltrue": shallow(lambda v: _truth(seq(v), False)),
    "anytrue": shallow(lambda v: _truth(seq(v), True)),
    "chunklist": shallow(_chunklist),
    "index": shallow(_index),
    "matchkeys": shallow(_matchkeys),
    "setintersection": shallow(_sets(_intersection)),
    "setproduct": strict(_product),
    "setsubtract": shallow(_sets(_subtract)),
    "setunion": shallow(_sets(_union)),
    "slice": shallow(_slice),
    "sum": shallow(_sum),
    "transpose": shallow(_transpose),
}
