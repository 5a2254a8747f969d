"""Input variable type constraints, applied as Terraform applies them to a variable's value
(its default, the caller's argument or the tfvars entry): `optional(T, default)` attributes an
object value leaves out get their default (or null), attributes the type does not declare are
dropped, and primitive values convert (`1` to `"1"` for a string, `"true"` to true for a bool).

A type expression that is not understood leaves the value as it is; so do unknown values and
values the type does not fit (Terraform would reject them; exitlint judges what is written)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

from ..hcl import ast as A
from ..records import dataclass
from .values import ResourceRef, Unknown, to_str

MAX_DEPTH = 32  # nesting of types and values converted


@dataclass(frozen=True)
class Type:
    kind: str  # any, string, number, bool, list, set, map, tuple, object
    element: Type | None = None  # list, set, map
    items: tuple[Type, ...] = ()  # tuple
    attributes: dict[str, Attribute] = field(default_factory=dict)  # object


@dataclass(frozen=True)
class Attribute:
    type: Type
    optional: bool = False
    default: A.Expr | None = None


class _NotAType(Exception):
    pass


def parse_type(expr: A.Expr, depth: int = 0) -> Type | None:
    """The type a `type = ...` expression states, or None when it is not understood."""
    try:
        return _parse(expr, depth)
    except _NotAType:
        return None


def _parse(expr: A.Expr, depth: int) -> Type:
    if depth > MAX_DEPTH:
        raise _NotAType
    if isinstance(expr, A.Traversal) and not expr.steps and expr.root in (
            "any", "string", "number", "bool"):
        return Type(expr.root)
    if isinstance(expr, A.Literal) and expr.value in ("string", "list", "map"):  # legacy quoted
        return Type(str(expr.value), Type("any") if expr.value != "string" else None)
    if not isinstance(expr, A.Call) or expr.expand_last:
        raise _NotAType
    args = expr.args
    if expr.name in ("list", "set", "map") and len(args) == 1:
        return Type(expr.name, _parse(args[0], depth + 1))
    if expr.name == "tuple" and len(args) == 1 and isinstance(args[0], A.TupleExpr):
        return Type("tuple", items=tuple(_parse(a, depth + 1) for a in args[0].items))
    if expr.name == "object" and len(args) == 1 and isinstance(args[0], A.ObjectExpr):
        attributes: dict[str, Attribute] = {}
        for key, value in args[0].items:
            if not (isinstance(key, A.Literal) and isinstance(key.value, str)):
                raise _NotAType
            attributes[key.value] = _attribute(value, depth + 1)
        return Type("object", attributes=attributes)
    raise _NotAType


def _attribute(expr: A.Expr, depth: int) -> Attribute:
    if isinstance(expr, A.Call) and expr.name == "optional" and 1 <= len(expr.args) <= 2:
        default = expr.args[1] if len(expr.args) == 2 else None
        return Attribute(_parse(expr.args[0], depth), True, default)
    return Attribute(_parse(expr, depth))


def _left_as_is(value: Any) -> bool:
    """Null, unknown and references to resources: no type conversion changes them."""
    return value is None or isinstance(value, (Unknown, ResourceRef))


def convert(value: Any, t: Type, evaluate: Callable[[A.Expr], Any], depth: int = 0) -> Any:
    """`value` converted to `t`, optional attributes' defaults (computed with `evaluate`)
    filled in. Unknown values, and values that do not fit, are returned as they are."""
    if _left_as_is(value) or depth > MAX_DEPTH:
        return value
    kind = t.kind
    if kind == "string" and isinstance(value, (bool, int, float)):
        return to_str(value)
    if kind == "number" and isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            try:
                return float(value)
            except ValueError:
                return value
    if kind == "bool" and value in ("true", "false"):
        return value == "true"
    if kind in ("list", "set") and isinstance(value, list) and t.element is not None:
        return [convert(v, t.element, evaluate, depth + 1) for v in value]
    if kind == "map" and isinstance(value, dict) and t.element is not None:
        return {k: convert(v, t.element, evaluate, depth + 1) for k, v in value.items()}
    if kind == "tuple" and isinstance(value, list) and len(value) == len(t.items):
        return [convert(v, e, evaluate, depth + 1) for v, e in zip(value, t.items, strict=True)]
    if kind == "object" and isinstance(value, dict):
        return _object(value, t, evaluate, depth)
    return value


def _object(value: dict[str, Any], t: Type, evaluate: Callable[[A.Expr], Any],
            depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, attr in t.attributes.items():
        if name in value and value[name] is not None:
            out[name] = convert(value[name], attr.type, evaluate, depth + 1)
        elif attr.optional and attr.default is not None:
            out[name] = convert(evaluate(attr.default), attr.type, evaluate, depth + 1)
        elif name in value or attr.optional:
            out[name] = None
        # a required attribute left out: Terraform rejects the value; nothing is invented
    return out


def typed(value: Any, body: A.Body | None, evaluate: Callable[[A.Expr], Any]) -> Any:
    """A variable's value under the `type` its block (`body`) declares, if any."""
    if _left_as_is(value):
        return value  # convert() gives it back unchanged: the type need not be read
    attr = body.attributes.get("type") if body is not None else None
    t = parse_type(attr.expr) if attr is not None else None
    return value if t is None else convert(value, t, evaluate)
