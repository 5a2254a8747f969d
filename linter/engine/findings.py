"""Turn evaluator hits and suppression comments into Findings (shared by every input kind)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..model import EndClass, Finding, Severity, Span
from ..policy import Policy
from ..suppressions import Suppression, is_check_id
from .approved_exits import ExitMatcher
from .catalog import Check, CheckCatalog
from .decide import Verdict
from .hit import DEFINITE, Hit

RESOLVE_HINT = {
    "terraform": "a tfvars value, domestic_cidrs or default_region in the policy",
    "kubernetes": "kubernetes.region or kubernetes.paths in the policy, domestic_cidrs or "
                  "domestic_hosts",
}


# What the reason of an unknown end says -> what resolves it: the hint names the real blocker
_HINTS = (
    ("has no default and no value", "a value for that variable (tfvars, --var-file or --var)"),
    ("only known after apply", "a plan (terraform show -json), or the peer's range in "
                               "domestic_cidrs or foreign_cidrs in the policy"),
    ("is read from the provider", "a plan (terraform show -json), or a literal value instead "
                                  "of the data source"),
    ("host name", "domestic_hosts or foreign_hosts in the policy"),
    ("not available locally", "`terraform init` before scanning (so .terraform/modules holds "
                              "the module), or the module vendored into the repository"),
    ("is not a region", "a region name the provider documents"),
    ("no region is set", "a region on the provider, or default_region in the policy"),
)


def resolve_hint(hit: Hit, kind: str) -> str:
    """How to resolve an uncertain link: what its unknown ends' reasons name, else the
    front end's general hint."""
    out: list[str] = []
    for end in (hit.local, hit.remote):
        if end.cls is not EndClass.UNKNOWN:
            continue
        hint = next((h for needle, h in _HINTS if needle in end.reason), None)
        if hint is not None and hint not in out:
            out.append(hint)
    return "; or ".join(out) if out else RESOLVE_HINT.get(kind, RESOLVE_HINT["terraform"])


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
    if evaluator == "limit":
        return _limit_finding(check, hit, resource=resource, span=span, kind=kind, policy=policy)
    crossing = hit.verdict is Verdict.CROSSING
    definite = crossing or evaluator in DEFINITE
    # A name no catalogue knows is a mistake to fix, not an unknown to tolerate (SPEC §9).
    misnamed = hit.local.unknown_name or hit.remote.unknown_name
    if definite:
        severity = check.severity
    else:
        if policy.unknown == "ignore" and not misnamed:
            return None
        severity = Severity("warning" if policy.unknown == "ignore" else policy.unknown)
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
        steps = ["Correct the name no catalogue knows"] if misnamed else []
        if not misnamed or any(e.cls is EndClass.UNKNOWN and not e.unknown_name
                               for e in (hit.local, hit.remote)):
            steps.append(f"resolve it with {resolve_hint(hit, kind)}")
        resolve = "; ".join(steps)
        message = (f"{check.title}: cannot prove both ends are on one side of the mainland "
                   f"border: {describe(hit)}. {resolve[:1].upper()}{resolve[1:]}")
    return Finding(check_id=check.id, severity=severity, title=check.title, message=message,
                   span=span, resource=resource, kind=kind, local=hit.local, remote=hit.remote,
                   fix=check.fix, suppressed=approval is not None, approval=approval)


def _limit_finding(check: Check, hit: Hit, *, resource: str, span: Span, kind: str,
                   policy: Policy) -> Finding | None:
    """A part evaluation did not reach: no link, no approved exit; its message is the cut's.
    An unresolved input (uncertain) takes the policy's `unknown:` severity, like an unknown end;
    a limit (definite) only `checks:` changes."""
    severity = check.severity
    if hit.verdict is not Verdict.CROSSING:
        if policy.unknown == "ignore":
            return None
        severity = Severity(policy.unknown)
    if check.id in policy.check_severity:
        severity = Severity(policy.check_severity[check.id])
    return Finding(check.id, severity, check.title, hit.detail, span, resource, kind,
                   fix=check.fix)


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
    import difflib  # only for a misspelt check ID: ~1.5 ms at start-up
    close = difflib.get_close_matches(check_id.upper(), sorted(c.id for c in catalog.checks.values()),
                                      n=2, cutoff=0.6)
    return f"{check_id} (did you mean {' or '.join(close)}?)" if close else check_id
