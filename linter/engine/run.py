"""One pipeline from a detector's hit to a Finding, for every front end.

    evaluate(subjects: Iterable[Subject], checks: CheckCatalog, ctx: InputContext, *,
             loose: Iterable[tuple[str, Suppression]] = ()) -> list[Finding]

- `subjects`: each runs the targets of `checks` for its type, through the detector table
  (`detectors.EVALUATORS`, selected by `CheckCatalog.targets_for`); every hit becomes a
  finding at the subject's span, or at the place in it the hit names (a container). Consumed in
  order and lazily: a front end's generator yields, after its resources, the blocks whose
  evaluation was cut (`limit` targets of XB001/XB002), recorded while the others were checked.
- `loose`: suppressions attached to no subject, as (display file, suppression): they get their
  hygiene findings (XB903-XB905) and hide nothing.

`Judge(checks, ctx)` is this pipeline as a front end receives it (`subject.Pipeline`): the app
builds it and hands it over in a `subject.FrontEndContext`, so no front end imports the engine.
`finding_key(f)` (subject.py) is the identity it deduplicates on.

The pipeline owns: verdict to severity (policy `unknown:` and `checks:`), approved exits,
suppressions (`subject.suppressions`, usable when they name the check, give a reason and have
not expired) and their hygiene findings, once per comment; `Finding.root` from `subject.root`
and `Finding.related` from `subject.origins` of the attributes behind the two ends;
deduplication (one finding per check, file, line, resource, root and suppression status: the
instances of one resource with different reasons are merged into one finding that lists them,
the most severe first) and ordering (`Finding.sort_key`). Fingerprints are set by the app,
scan-wide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from ..model import Finding, Origin, Span
from ..policy import Policy
from ..records import dataclass
from ..subject import Subject, finding_key
from ..suppressions import Suppression
from .catalog import CheckCatalog
from .context import InputContext
from .detectors import evaluate_subject
from .ends import Evaluation
from .findings import link_finding, suppress, suppression_hygiene, usable
from .hit import Hit
from .suppression_use import Uses

MAX_LISTED = 8  # distinct reasons spelled out in a merged finding's message; the rest are counted
_HINT = ". Resolve it with "  # how findings.link_finding ends an uncertain link's message


@dataclass(frozen=True)
class _Raw:
    """One finding before deduplication, with the instance it came from."""

    finding: Finding
    instance: str  # the instance's label in a merged message ("" for a single instance)


@dataclass(frozen=True)
class Judge:
    """The pipeline bound to one scan's checks and policy (implements `subject.Pipeline`)."""

    checks: CheckCatalog
    ctx: InputContext

    def reads(self, type_: str) -> bool:
        return type_ in self.checks.by_type

    def types_read(self) -> frozenset[str]:
        return frozenset(self.checks.by_type)

    def judge(self, subjects: Iterable[Subject],
              loose: Iterable[tuple[str, Suppression]] = ()) -> list[Finding]:
        return evaluate(subjects, self.checks, self.ctx, loose=loose)


def evaluate(subjects: Iterable[Subject], checks: CheckCatalog, ctx: InputContext, *,
             loose: Iterable[tuple[str, Suppression]] = ()) -> list[Finding]:
    engine = Evaluation(ctx.catalogue, ctx.policy)
    raw: list[_Raw] = []
    comments: dict[tuple[str, int, int], tuple[str, Suppression]] = {}
    uses = Uses()  # which suppressions matched a finding (XB910 for those that did not)
    for subject in subjects:
        _remember(comments, subject.file, subject.suppressions)
        found: list[_Raw] = []
        for check_id, evaluator, hit in evaluate_subject(subject, engine, checks,
                                                         ctx.policy.disabled):
            found += _finding(subject, check_id, evaluator, hit, checks, ctx, engine)
        uses.record(subject.file, subject.line, subject.address, subject.suppressions,
                    (r.finding.check_id for r in found))
        raw += found
    for file, s in loose:
        _remember(comments, file, (s,))
    out = _dedupe(raw)
    for key in sorted(comments):
        file, s = comments[key]
        out.extend(suppression_hygiene(s, file, checks, ctx.today, ctx.policy))
    out.extend(uses.findings(checks, ctx.policy))
    return sorted(out, key=Finding.sort_key)


def _remember(comments: dict[tuple[str, int, int], tuple[str, Suppression]], file: str,
              sups: Iterable[Suppression]) -> None:
    """Each suppression gets its hygiene findings once, however many subjects it covers."""
    for s in sups:
        where = s.file or file  # a module call's comment is in the caller's file
        comments.setdefault((where, s.line, s.column), (where, s))


def _suppressed(f: Finding, sups: Iterable[Suppression], today: dt.date,
                policy: Policy | None = None) -> Finding:
    match = next((s for s in sups if usable(s, f.check_id, today, policy)), None)
    return suppress(f, match) if match is not None else f


def _finding(subject: Subject, check_id: str, evaluator: str, hit: Hit, checks: CheckCatalog,
             ctx: InputContext, engine: Evaluation) -> list[_Raw]:
    check = checks.get(check_id)
    if check is None or check_id in ctx.policy.disabled:
        return []
    line, column = hit.at if hit.at is not None else (None, None)
    span = Span(subject.file, line or subject.line, column or subject.column,
                max(subject.end_line or 0, line or 0) or None)
    f = link_finding(check, evaluator, hit, resource=subject.address, span=span,
                     kind=subject.platform, policy=ctx.policy, exits=ctx.exits)
    if f is None:
        return []
    f = replace(f, root=subject.root, related=_related(subject, hit, engine),
                fix=check.fix_for(subject.type, hit.software))
    return [_Raw(_suppressed(f, subject.suppressions, ctx.today, ctx.policy), _instance(subject))]


def _related(subject: Subject, hit: Hit, engine: Evaluation) -> tuple[Origin, ...]:
    """Where the values behind the two ends came from (tfvars, variable defaults, module
    arguments, ConfigMap keys), each location once, local end first. An end read through a
    reference or from a hub member has the origins of the attribute it was read from there."""
    seen: dict[tuple[str, int], Origin] = {}
    for origin in hit.related:
        seen.setdefault((origin.file, origin.line), origin)
    for end in (hit.local, hit.remote):
        source = engine.source(end)
        if source is None and end.attribute:
            source = (subject, end.attribute)
        if source is not None:
            for origin in source[0].origins(source[1]):
                seen.setdefault((origin.file, origin.line), origin)
    return tuple(seen.values())


def _instance(subject: Subject) -> str:
    """How a merged message names this instance: its keys (`["a"]`, `[0]`), or the full
    instance address when module keys are involved."""
    full = subject.instance
    if not full or full == subject.address:
        return ""
    return full[len(subject.address):] if full.startswith(subject.address) else full


def _dedupe(raw: list[_Raw]) -> list[Finding]:
    groups: dict[tuple[object, ...], list[_Raw]] = {}
    for r in raw:
        groups.setdefault(finding_key(r.finding), []).append(r)
    return [_merge(group) for group in groups.values()]


def _merge(group: list[_Raw]) -> Finding:
    """One finding for the instances of one resource: the most severe is the finding; when
    the instances differ, its message lists each distinct reason with the instances giving it."""
    ordered = sorted(group, key=lambda r: (-r.finding.severity.rank, r.instance))
    # the chain is every instance's chain, each location once, the most severe's first
    related: dict[tuple[str, int], Origin] = {}
    for o in (o for r in ordered for o in r.finding.related):
        related.setdefault((o.file, o.line), o)
    first = replace(ordered[0].finding, related=tuple(related.values()))
    by_message: dict[str, list[str]] = {}
    for r in ordered:
        by_message.setdefault(r.finding.message, []).append(r.instance or "(no key)")
    if len(by_message) == 1:
        return first
    prefix = f"{first.title}: "
    reasons = {m: m[len(prefix):] if m.startswith(prefix) else m for m in by_message}
    # the resolution hint of uncertain links is the same for every instance: said once
    tails = {r[r.find(_HINT):] if _HINT in r else "" for r in reasons.values()}
    tail = tails.pop() if len(tails) == 1 else ""
    parts = []
    for message, labels in list(by_message.items())[:MAX_LISTED]:
        reason = reasons[message]
        parts.append(f"{', '.join(labels)}: {reason[:len(reason) - len(tail)]}")
    more = len(by_message) - MAX_LISTED
    if more > 0:
        parts.append(f"and {more} more")
    instances = sum(len(labels) for labels in by_message.values())
    return replace(first, message=f"{first.title} ({instances} instances: {'; '.join(parts)})"
                                  f"{tail}")
