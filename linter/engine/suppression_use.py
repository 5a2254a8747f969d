"""Unused suppressions (XB910, SPEC §5): a check ID named by a comment or annotation that reports
nothing on the blocks or objects it is attached to, approved or not, in any root or instance.
Judged per check ID: `exitlint:ignore XB101,XB201` where only XB101 reports has XB201 unused.

One evaluation (a Terraform root, a manifest file) sees only its own findings, so `Uses` gives
candidates: an XB910 per comment and check ID that matched nothing in this evaluation, with the
blocks the comment is attached to as its `related` locations. The app then drops a candidate
that a finding of another evaluation matches (`drop_used`): a module comment used through
another root is not unused. A block with no instances anywhere has no subject, so its comments
are never candidates.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding, Origin
from ..policy import Policy
from ..suppressions import Suppression
from .catalog import CheckCatalog
from .findings import policy_finding

_ATTACHED = "attached to "
_RESOURCE = "suppression of "

Key = tuple[str, int, int]  # file, line, column of the comment


class Uses:
    """Which checks reported something on the subjects each suppression is attached to."""

    def __init__(self) -> None:
        self._comments: dict[Key, tuple[str, Suppression]] = {}
        self._fired: dict[Key, set[str]] = {}
        self._blocks: dict[Key, dict[tuple[str, int], str]] = {}

    def record(self, file: str, line: int, address: str, sups: Iterable[Suppression],
               check_ids: Iterable[str]) -> None:
        ids = set(check_ids)
        for s in sups:
            where = s.file or file  # a module call's comment is in the caller's file
            key = (where, s.line, s.column)
            self._comments.setdefault(key, (where, s))
            self._fired.setdefault(key, set()).update(ids)
            self._blocks.setdefault(key, {}).setdefault((file, line), address)

    def findings(self, catalog: CheckCatalog, policy: Policy) -> list[Finding]:
        out: list[Finding] = []
        for key in sorted(self._comments):
            file, s = self._comments[key]
            if s.problem:  # malformed: XB909 already says so
                continue
            fired = self._fired[key]
            known = [c for c in s.ids if catalog.get(c) is not None and c not in policy.disabled]
            unused = [c for c in known if c not in fired]
            if not unused:
                continue  # used, or only unknown/disabled IDs (XB905 says so)
            related = tuple(Origin(f, ln, f"{_ATTACHED}{address}")
                            for (f, ln), address in sorted(self._blocks[key].items()))
            where = ", ".join(o.what[len(_ATTACHED):] for o in related)
            # one per check ID: `exitlint:ignore XB101,XB201` where only XB101 reports has an
            # unused XB201, and each ID is used or not on its own across roots (drop_used)
            for cid in unused:
                remove = f"remove {cid} from it" if len(s.ids) > 1 else "remove it"
                out += [_with_related(f, related) for f in policy_finding(
                    catalog, "XB910", file, s.line, s.column, f"{_RESOURCE}{cid}",
                    f"suppression of {cid} matches no finding on {where}"
                    f"{_hint([cid], fired - set(s.ids))}; {remove} or move it to the block it is meant for",
                    policy)]
        return out


def _with_related(f: Finding, related: tuple[Origin, ...]) -> Finding:
    from dataclasses import replace

    return replace(f, related=related)


def _hint(ids: list[str], fired: set[str]) -> str:
    """A did-you-mean among the checks that did report on the block."""
    if not fired:
        return ""
    import difflib  # only for a suppression that hid nothing: ~1.5 ms at start-up

    close = [m for cid in ids for m in difflib.get_close_matches(cid, sorted(fired), n=1,
                                                                  cutoff=0.6)]
    if close:
        return f" (did you mean {' or '.join(sorted(set(close)))}?)"
    return f" (it reports {', '.join(sorted(fired))})"


def drop_used(findings: list[Finding]) -> list[Finding]:
    """`findings` without the XB910 candidates that a finding anywhere in the scan matches."""
    reported = {(f.check_id, f.span.file, f.resource) for f in findings}
    out = []
    for f in findings:
        if f.check_id == "XB910" and f.resource.startswith(_RESOURCE) and any(
                (cid, o.file, o.what[len(_ATTACHED):]) in reported
                for cid in f.resource[len(_RESOURCE):].split(",")
                for o in f.related if o.what.startswith(_ATTACHED)):
            continue
        out.append(f)
    return out
