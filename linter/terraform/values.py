"""Runtime values of the static evaluator.

Plain Python values (str, int, float, bool, None, list, dict) plus two markers:
`Unknown` (cannot be known without running Terraform; carries the reason) and
`ResourceRef` (an attribute only known after apply, whose origin we still know, so a
check can follow `customer_gateway_id` to the customer gateway).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from ..model import ResourceRef as ResourceRef
from ..model import Unknown as Unknown  # re-exported: front ends still import it from here
from ..records import dataclass


@dataclass(frozen=True, slots=True)
class UnknownElements(Unknown):
    """In a list: an unknown number of elements, where a whole list that is unknown (a data
    source's list) was joined with known ones (`concat`, `flatten`). The known elements stay
    known and are judged; the list's length, and the positions from here on, are unknown."""


def unknown_elements(value: Any) -> UnknownElements:
    u = first_unknown(value) or Unknown("unknown elements")
    return u if isinstance(u, UnknownElements) else UnknownElements(u.reason)


def position_unknown(items: list[Any], upto: int | None = None) -> UnknownElements | None:
    """The marker that makes positions (up to `upto`, or all and the length) unknown."""
    for x in items if upto is None else items[: max(0, upto + 1)]:
        if isinstance(x, UnknownElements):
            return x
    return None


class Obj(Protocol):
    """An object whose attributes are evaluated on demand (resource, block, module)."""

    def get(self, name: str) -> Any: ...

    def keys(self) -> list[str]: ...

    def attr_line(self, name: str) -> int | None: ...


@dataclass(frozen=True, slots=True)
class LazyObj:
    getter: Callable[[str], Any]
    names: tuple[str, ...]

    def get(self, name: str) -> Any:
        return self.getter(name)

    def keys(self) -> list[str]:
        return list(self.names)

    def attr_line(self, name: str) -> int | None:
        return None


def is_obj(value: Any) -> bool:
    return hasattr(value, "get") and hasattr(value, "attr_line")


def is_known(value: Any) -> bool:
    """True when the value holds no Unknown or ResourceRef anywhere inside."""
    if isinstance(value, (Unknown, ResourceRef)):
        return False
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    return True


def first_unknown(value: Any) -> Unknown | None:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, ResourceRef):
        return Unknown(f"{value} is only known after apply")
    if isinstance(value, list):
        for v in value:
            u = first_unknown(v)
            if u is not None:
                return u
    if isinstance(value, dict):
        for v in value.values():
            u = first_unknown(v)
            if u is not None:
                return u
    return None


def to_str(value: Any) -> str | Unknown:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Unknown):
        return value
    if isinstance(value, ResourceRef):
        return Unknown(f"{value} is only known after apply")
    if value is None:
        return Unknown("null value")
    return Unknown("not a string")


def display(value: Any) -> str:
    """Short human form of a value for messages."""
    if isinstance(value, Unknown):
        return f"unknown ({value.reason})"
    if isinstance(value, str):
        return value
    return str(value)


MAX_VALUES = 64  # values read at one path: enough for any real rule or peer list

# Where a cut-off found while checking a resource is reported (set by the scanner around each
# resource it checks): the values beyond a limit are never judged, so the resource gets a
# warning naming the limit instead of a silent pass.
_LIMIT_SINK: ContextVar[Callable[[str], None] | None] = ContextVar("limit_sink", default=None)


@contextmanager
def limit_sink(sink: Callable[[str], None]) -> Iterator[None]:
    token = _LIMIT_SINK.set(sink)
    try:
        yield
    finally:
        _LIMIT_SINK.reset(token)


def report_limit(message: str) -> None:
    """Report that evaluation was cut short (no-op outside a check, e.g. plain evaluation)."""
    sink = _LIMIT_SINK.get()
    if sink is not None:
        sink(message)


def values_at(obj: Any, path: str) -> list[tuple[Any, int | None]]:
    """Values at a dotted path; nested blocks and lists are flattened (implicit splat)."""
    current: list[tuple[Any, int | None]] = [(obj, None)]
    for part in path.split("."):
        nxt: list[tuple[Any, int | None]] = []
        for value, line in current:
            for v in value if isinstance(value, list) else [value]:
                if is_obj(v):
                    if hasattr(v, "has") and not v.has(part):
                        continue
                    nxt.append((v.get(part), v.attr_line(part) or line))
                elif isinstance(v, dict) and part in v:
                    nxt.append((v[part], line))
                elif isinstance(v, (Unknown, ResourceRef)):
                    nxt.append((first_unknown(v), line))
        current = nxt
    out: list[tuple[Any, int | None]] = []
    for value, line in current:
        if isinstance(value, list):
            out.extend((v, line) for v in value)
        elif value is not None:
            out.append((value, line))
    if len(out) > MAX_VALUES:
        report_limit(f"only the first {MAX_VALUES} of {len(out)} values of {path} were "
                     "evaluated; the rest were not checked")
    return out[:MAX_VALUES]
