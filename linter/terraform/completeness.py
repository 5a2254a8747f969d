"""Findings for the parts of a configuration that evaluation did not reach (XB001, XB002).

A limit that stops evaluation (the 65th instance, a module that cannot be read) must never pass
silently: each becomes a warning at the resource or module block that was cut.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.catalog import CheckCatalog
from ..model import Finding, Severity, Span
from ..policy import Policy
from .instances import LimitHit

# XB002 is an unresolved input, like an unknown link end: `unknown:` applies to it. XB001 is not
# (a limit says "not checked", not "cannot prove"): only `checks: {XB001: ...}` changes it.
_FOLLOWS_UNKNOWN = frozenset({"XB002"})


def limit_findings(hits: Iterable[LimitHit], catalog: CheckCatalog,
                   policy: Policy) -> list[Finding]:
    out: list[Finding] = []
    for hit in hits:
        check = catalog.get(hit.check_id)
        if check is None or hit.check_id in policy.disabled:
            continue
        severity = check.severity
        if hit.check_id in _FOLLOWS_UNKNOWN:
            if policy.unknown == "ignore":
                continue
            severity = Severity(policy.unknown)
        if hit.check_id in policy.check_severity:
            severity = Severity(policy.check_severity[hit.check_id])
        span = Span(hit.file, hit.line, hit.column, hit.end_line)
        out.append(Finding(check.id, severity, check.title, hit.message, span, hit.address,
                           "terraform", fix=check.fix))
    return out

