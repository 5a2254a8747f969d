"""The path language of Kubernetes check targets, over position-keeping YAML.

`spec.endpoints[].host` (`[]` walks a list), `spec.meshNetworks.*.gateways` (`*` every value of
a mapping), and a quoted key for names with dots or slashes:
`metadata.annotations["kilo.squat.ai/endpoint"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .yaml_positions import YList, YMap

_PART = re.compile(r'([^.\[\]"]+|\*)(\[\d*\])?|\["([^"]+)"\](\[\d*\])?')


@dataclass(frozen=True)
class Step:
    key: str  # a mapping key, or "*" for every value
    many: bool  # `[]`: walk the list at this key (`[2]`: only its item 2)
    index: int | None = None


def parse_path(path: str) -> tuple[Step, ...]:
    """`a.b[].c`, `a.b[0].c`, `a.*.c`, `a["x.y/z"].c` as steps; ValueError otherwise."""
    steps: list[Step] = []
    pos = 0
    while pos < len(path):
        if path[pos] == ".":
            pos += 1
            continue
        m = _PART.match(path, pos)
        if m is None:
            raise ValueError(f"bad path {path!r} at {pos}")
        key, brackets = (m.group(3), m.group(4)) if m.group(3) is not None else \
            (m.group(1), m.group(2))
        index = int(brackets[1:-1]) if brackets and brackets != "[]" else None
        steps.append(Step(key, bool(brackets), index))
        pos = m.end()
    return tuple(steps)


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
