"""The parts of a configuration that evaluation did not reach, as subjects the checks judge.

A limit that stops evaluation (the 65th instance, a module that cannot be read) must never pass
silently: each becomes a `Cut`, a subject of type `terraform:evaluation-limit` or
`terraform:module-unavailable` at the resource or module block that was cut. Which check reports
it, with which severity rules, is data (the `limit` targets of checks/terraform/XB001*, XB002*).
"""

from __future__ import annotations

from ..cuts import Cut, LimitHit, record

__all__ = ["EVALUATION_LIMIT", "MODULE_UNAVAILABLE", "Cut", "LimitHit", "record"]

EVALUATION_LIMIT = "terraform:evaluation-limit"  # a limit cut evaluation (instances, depth)
MODULE_UNAVAILABLE = "terraform:module-unavailable"  # a module call could not be read


