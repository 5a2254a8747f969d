"""The decision for a link from its two classified ends (SPEC §2)."""

from __future__ import annotations

import enum

from ..model import End, EndClass


class Verdict(str, enum.Enum):
    CROSSING = "crossing"  # one end mainland, the other not: an error unless approved
    UNCERTAIN = "uncertain"  # cannot prove both ends are on one side: a warning


M, N, U = EndClass.MAINLAND, EndClass.NON_MAINLAND, EndClass.UNKNOWN


def decide(local: End, remote: End) -> Verdict | None:
    a, b = local.cls, remote.cls
    if EndClass.INTERNAL in (a, b):
        return None  # carried by another link, which is judged on its own
    if b is EndClass.ANYWHERE or a is EndClass.ANYWHERE:
        other = a if b is EndClass.ANYWHERE else b
        return Verdict.UNCERTAIN if other in (M, U) else None
    if {a, b} == {M, N}:
        return Verdict.CROSSING
    if a == b and a in (M, N):
        return None
    return Verdict.UNCERTAIN


def rank(verdict: Verdict | None) -> int:
    return {Verdict.CROSSING: 2, Verdict.UNCERTAIN: 1}.get(verdict, 0) if verdict else 0
