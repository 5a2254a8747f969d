"""The path language of Kubernetes check targets over plain values (a Kubernetes object that
Terraform declares, manifests.py), and where the keys of an HCL object literal are written.

`spec.endpoints[].host` (`[]` walks a list), `spec.meshNetworks.*.gateways` (`*` every value of a
mapping), and a quoted key for names with dots or slashes: `metadata.annotations["x.io/y"]`. The
grammar is the Kubernetes front end's (object_paths.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import object_paths
from ..hcl import ast as A
from ..model import ResourceRef, Unknown
from ..object_paths import Step
from ..records import dataclass

MAX_HCL_NODES = 20_000
_MAX_DEPTH = 64

Key = str | int
KeyPath = tuple[Key, ...]


def parse_path(path: str) -> tuple[Step, ...] | None:
    """The steps of a target path (object_paths.py); None for another syntax."""
    try:
        return object_paths.parse_path(path)
    except ValueError:
        return None


def shown(trail: str, key: Key) -> str:
    if isinstance(key, int):
        return f"{trail}[{key}]"
    if re.fullmatch(r"[\w-]+", key):
        return f"{trail}.{key}" if trail else key
    return f'{trail}["{key}"]'


@dataclass(frozen=True)
class Found:
    value: Any
    keys: KeyPath  # the keys and indices it was found at
    where: str  # the same, as a path for messages
    key: str  # the last mapping key on the way


def walk(node: Any, steps: tuple[Step, ...], keys: KeyPath = (), trail: str = "",
          key: str = "", items: bool = False) -> Iterator[Found]:
    if not steps:
        if node is not None and (items or not isinstance(node, (dict, list))):
            yield Found(node, keys, trail, key)
        return
    if isinstance(node, (Unknown, ResourceRef)):  # an unknown object: every value in it is
        yield Found(node, keys, trail, key)
        return
    step, rest = steps[0], steps[1:]
    if not isinstance(node, dict):
        return
    if step.key == "*":
        for k in sorted(node):
            yield from walk(node[k], rest, (*keys, k), shown(trail, k), k, items)
        return
    if step.key not in node:
        return
    here, path = (*keys, step.key), shown(trail, step.key)
    value = node[step.key]
    if step.many:
        if isinstance(value, list):
            for i, item in enumerate(value):
                if step.index is None or step.index == i:
                    yield from walk(item, rest, (*here, i), f"{path}[{i}]", step.key, items)
        elif isinstance(value, (Unknown, ResourceRef)):
            yield Found(value, here, path, step.key)
        return
    yield from walk(value, rest, here, path, step.key, items)


def where_keys(where: str) -> KeyPath | None:
    """`spec.endpoints[0].host`, `stringData["a.b"]` (a `Found.where`) back to its keys."""
    steps = parse_path(where)
    if steps is None:
        return None
    out: list[Key] = []
    for s in steps:
        out.append(s.key)
        if s.index is not None:
            out.append(s.index)
    return tuple(out)


# -- where an HCL object literal writes each key -------------------------------------------------
def _hcl_key(expr: A.Expr) -> str | None:
    if isinstance(expr, A.Literal) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, A.Traversal) and not expr.steps:
        return expr.root
    if isinstance(expr, A.Template) and len(expr.parts) == 1 and \
            isinstance(expr.parts[0], A.Literal) and isinstance(expr.parts[0].value, str):
        return expr.parts[0].value
    return None


def hcl_lines(expr: A.Expr | None) -> dict[KeyPath, int]:
    """Where each key of an HCL object literal (through `yamlencode`/`jsonencode`) is written."""
    out: dict[KeyPath, int] = {}
    budget = [MAX_HCL_NODES]

    def visit(e: A.Expr | None, keys: KeyPath) -> None:
        budget[0] -= 1
        if e is None or budget[0] < 0 or len(keys) > _MAX_DEPTH:
            return
        if isinstance(e, A.Call) and e.name in ("yamlencode", "jsonencode", "tomap") and \
                len(e.args) == 1:
            visit(e.args[0], keys)
        elif isinstance(e, A.ObjectExpr):
            for k, v in e.items:
                name = _hcl_key(k)
                if name is not None:
                    here = (*keys, name)
                    out[here] = _key_line(k, v)
                    visit(v, here)
        elif isinstance(e, A.TupleExpr):
            for i, item in enumerate(e.items):
                at = (*keys, i)
                out[at] = item.pos.line
                visit(item, at)

    visit(expr, ())
    return out


def _key_line(k: A.Expr, v: A.Expr) -> int:
    pos = getattr(k, "pos", None) or getattr(v, "pos", None)
    return pos.line if pos is not None else 0
