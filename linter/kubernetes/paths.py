"""The path language of Kubernetes check targets (object_paths.py) walked over position-keeping
YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..object_paths import Step, parse_path
from ..records import dataclass
from .yaml_positions import YList, YMap

__all__ = ["Found", "Step", "parse_path", "walk"]

@dataclass(frozen=True)
class Found:
    value: Any
    path: str  # with list indices, for the message
    key: str  # the last mapping key on the way
    line: int


def walk(node: Any, steps: tuple[Step, ...], line: int, trail: str = "",
         key: str = "", items: bool = False) -> Iterator[Found]:
    """Scalar values at `steps` under `node` (found at `line`); with `items`, also mappings
    and lists (the entries of a list: `spec.ports[]`)."""
    if not steps:
        if node is not None and (items or not isinstance(node, (YMap, YList))):
            yield Found(node, trail, key, line)
        return
    step, rest = steps[0], steps[1:]
    if not isinstance(node, YMap):
        return
    if step.key == "*":
        for k, v in node.items():
            yield from walk(v, rest, node.line_of(k), f"{trail}.{k}" if trail else k, k, items)
        return
    if step.key not in node:
        return
    shown = step.key if re.fullmatch(r"[\w-]+", step.key) else f'["{step.key}"]'
    path = f"{trail}.{shown}" if trail and not shown.startswith("[") else f"{trail}{shown}"
    value = node[step.key]
    if step.many:
        if isinstance(value, YList):
            for i, item in enumerate(value):
                if step.index is None or step.index == i:
                    yield from walk(item, rest, value.line_of(i), f"{path}[{i}]", step.key,
                                    items)
        return
    yield from walk(value, rest, node.line_of(step.key), path, step.key, items)
