"""The path language of Kubernetes check targets, shared by both front ends: the Kubernetes one
walks position-keeping YAML with it (kubernetes/paths.py), the Terraform one the objects
Terraform declares (terraform/manifest_paths.py).

`spec.endpoints[].host` (`[]` walks a list), `spec.meshNetworks.*.gateways` (`*` every value of
a mapping), and a quoted key for names with dots or slashes:
`metadata.annotations["kilo.squat.ai/endpoint"]`.
"""

from __future__ import annotations

import re

from .records import dataclass

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
