"""Turn evaluator hits and suppression comments into Findings (shared by every input kind)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import replace

from ..model import Finding, Severity, Span
from ..policy import Policy
from ..suppressions import Suppression, is_check_id
from .approved_exits import ExitMatcher
from .catalog import Check, CheckCatalog
from .decide import Verdict
from .detectors import Hit

RESOLVE_HINT = {
    "terraform": "a tfvars value, domestic_cidrs or default_region in the policy",
    "kubernetes": "kubernetes.region or kubernetes.paths in the policy, domestic_cidrs or "
                  "domestic_hosts",
}


def describe(hit: Hit) -> str:
    parts = [hit.detail] if hit.detail else []
    parts.append(hit.remote.reason or hit.remote.value)
    if hit.local.reason:
        parts.append(hit.local.reason)
    return "; ".join(parts)


def link_finding(check: Check, evaluator: str, hit: Hit, *, resource: str, span: Span,
                 kind: str, policy: Policy, exits: ExitMatcher) -> Finding | None:
    """The finding for one hit, after severity rules and approved exits (an approved link is
    kept, suppressed, with its approval: SPEC §9); None when `unknown: ignore` drops it."""
    crossing = hit.verdict is Verdict.CROSSING
    definite = crossing or evaluator == "flag"
    if definite:
        severity = check.severity
    else:
        if policy.unknown == "ignore":
            return None
        severity = Severity(policy.unknown)
        if check.severity is Severity.INFO or (check.severity is Severity.WARNING
                                               and severity is Severity.ERROR):
            severity = check.severity
    if check.id in policy.check_severity:
        severity = Severity(policy.check_severity[check.id])
    approval = exits.approval(resource, span.file, hit.links or ((hit.local, hit.remote),),
                              check.id)
    if definite:
        message = f"{check.title}: {describe(hit)}"
    else:
        message = (f"{check.title}: cannot prove both ends are on one side of the mainland "
                   f"border: {describe(hit)}. Resolve it with "
                   f"{RESOLVE_HINT.get(kind, RESOLVE_HINT['terraform'])}")
    return Finding(check_id=check.id, severity=severity, title=check.title, message=message,
                   span=span, resource=resource, kind=kind, local=hit.local, remote=hit.remote,
                   fix=check.fix, suppressed=approval is not None, approval=approval)


def suppress(finding: Finding, suppression: Suppression) -> Finding:
    return replace(finding, suppressed=True, suppression_reason=suppression.reason)


def usable(s: Suppression, check_id: str, today: dt.date, policy: Policy | None = None) -> bool:
    """Whether `s` hides a finding of `check_id`: it names the check, gives a reason, is
    well-formed, has not expired, and the policy allows inline suppression of the check."""
    return check_id in s.ids and bool(s.reason) and not s.problem and not s.expired(today) \
        and (policy is None or policy.inline_allowed(check_id))


def policy_finding(catalog: CheckCatalog, check_id: str, file: str, line: int, column: int,
                   resource: str, message: str, policy: Policy) -> list[Finding]:
    check = catalog.get(check_id)
    if check is None or check_id in policy.disabled:
        return []
    severity = Severity(policy.check_severity.get(check_id, check.severity.value))
    return [Finding(check_id, severity, check.title, message, Span(file, line, column, line),
                    resource, "policy", fix=check.fix)]


def suppression_hygiene(s: Suppression, file: str, catalog: CheckCatalog, today: dt.date,
                        policy: Policy) -> list[Finding]:
    """XB903/XB904/XB905 for one suppression comment or annotation."""
    out: list[Finding] = []
    where = f"suppression of {','.join(s.ids) or '(no check ID)'}"
    if not s.reason:
        out += policy_finding(catalog, "XB903", file, s.line, s.column, where,
                              f"{where} gives no reason=\"...\", so it hides nothing", policy)
    if s.problem:
        out += policy_finding(catalog, "XB909", file, s.line, s.column, where,
                              f"malformed exitlint comment: {s.problem}; it hides nothing",
                              policy)
    elif s.expired(today):
        out += policy_finding(catalog, "XB904", file, s.line, s.column, where,
                              f"{where} expired on {s.until_text}; the findings it hid are "
                              "reported again", policy)
    unknown = [i for i in s.ids if not is_check_id(i) or catalog.get(i) is None] or \
        ([] if s.ids else ["(none)"])
    if unknown:
        out += policy_finding(catalog, "XB905", file, s.line, s.column, where,
                              f"{where} names unknown check ID(s): "
                              f"{', '.join(_did_you_mean(i, catalog) for i in unknown)}", policy)
    refused = [i for i in s.ids if i not in unknown and not policy.inline_allowed(i)]
    if refused and not s.problem:
        out += policy_finding(catalog, "XB911", file, s.line, s.column, where,
                              f"{where}: the policy's inline_suppressions does not allow "
                              f"suppressing {', '.join(refused)} inline, so it hides nothing; "
                              "approve the link in approved_exits instead", policy)
    return out


def _did_you_mean(check_id: str, catalog: CheckCatalog) -> str:
    """`XB1O1 (did you mean XB101?)`: the closest known check IDs, by difflib."""
    close = difflib.get_close_matches(check_id.upper(), sorted(c.id for c in catalog.checks.values()),
                                      n=2, cutoff=0.6)
    return f"{check_id} (did you mean {' or '.join(close)}?)" if close else check_id
