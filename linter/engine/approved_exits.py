"""Approved exits from the policy: which exit approves a finding's links, and the exits' own
hygiene (SPEC §5, §9): XB901 expired, XB902 no approval reference, XB906 expiring soon, XB907
overbroad, XB908 carrier not licensed to provide international private lines.

An exit counts (approves links) only while it has an approval reference, has not expired and
names one of the licensed carriers (the `carrier` vocabulary, `licensed: true`). Its `match`
fields all have to hold; `peer_cidrs`, `regions` and `hosts` test the far (`remote`) end, and an
unresolved far end matches none of them. A finding with several links (a hub's members, a list
of peers) is approved only when every one of its links is approved.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import ipaddress
import os
from collections.abc import Sequence
from pathlib import Path

from .. import lazy_re
from ..geo.geography import Vocabulary, load_catalogue
from ..model import Approval, End, EndClass, Finding, Severity, Span
from ..policy import ApprovedExit, Policy
from .catalog import CheckCatalog

_INSTANCE_KEY = lazy_re.compile(r"\[[^\]]*\]")
_BROAD_GLOBS = frozenset({"*", "**"})
# What people write for "not yet" (SPEC §5: `TBD`, `TODO`, `-`): such a reference approves nothing.
_PLACEHOLDERS = frozenset({"tbd", "tba", "todo", "fixme", "xxx", "n/a", "na", "none", "null",
                           "pending", "unknown", "placeholder", "changeme", "?"})
_LICENSED_TEXT = ("only China Telecom, China Unicom and China Mobile may provide (lease) "
                  "international private lines")


def licensed(carrier: str, carriers: Vocabulary | None) -> bool:
    """Whether `carrier` may provide a cross-border line (`licensed: true` in the `carrier`
    vocabulary, checks/vocabularies/carrier.yaml)."""
    term = carriers.lookup(carrier) if carriers is not None else None
    return bool(term is not None and term.licensed)


def approval_reference(text: str) -> bool:
    """Whether `text` is a real approval reference: not empty, not only punctuation, not a
    placeholder such as `TBD`, `TODO` or `-`."""
    stripped = text.strip()
    return bool(stripped) and any(c.isalnum() for c in stripped) \
        and stripped.lower().strip(" .:!") not in _PLACEHOLDERS


class ExitMatcher:
    def __init__(self, policy: Policy, today: dt.date, base: Path | None = None,
                 carriers: Vocabulary | None = None) -> None:
        self.base = base or Path.cwd()  # report paths are relative to this
        self.policy = policy
        self.today = today
        # the bundled vocabulary unless the caller passes the scan's catalogue's
        self.carriers = carriers if carriers is not None else \
            load_catalogue().vocabularies.get("carrier")
        self.valid = tuple(e for e in policy.exits if self._usable(e))

    def _usable(self, e: ApprovedExit) -> bool:
        return (approval_reference(e.approval) and (e.expires is None or e.expires >= self.today)
                and licensed(e.carrier, self.carriers))

    def approves(self, address: str, file: str, local: End, remote: End) -> bool:
        return self.approval(address, file, ((local, remote),)) is not None

    def approval(self, address: str, file: str, links: Sequence[tuple[End, End]],
                 check_id: str = "") -> Approval | None:
        """The approval covering every link of a finding, or None. With several exits
        involved, the first (policy order) that approves the first link names it."""
        if not links:
            return None
        first: ApprovedExit | None = None
        for local, remote in links:
            e = next((e for e in self.valid
                      if self._matches(e, address, file, local, remote, check_id)), None)
            if e is None:
                return None
            first = first or e
        assert first is not None
        return Approval(first.id, first.carrier, first.approval,
                        first.expires.isoformat() if first.expires else None, first.managed_by)

    def _matches(self, e: ApprovedExit, address: str, file: str, local: End, remote: End,
                 check_id: str = "") -> bool:
        if e.checks and check_id and check_id not in e.checks:
            return False
        if e.resources:
            plain = _INSTANCE_KEY.sub("", address)
            if not any(fnmatch.fnmatchcase(a, g) for g in e.resources for a in (address, plain)):
                return False
        unresolved = remote.cls is EndClass.UNKNOWN and (e.peer_cidrs or e.regions or e.hosts)
        if unresolved and not _resolved_enough(remote):
            return False
        if e.peer_cidrs:
            try:
                net = ipaddress.ip_network(remote.value.strip(), strict=False)
            except ValueError:
                return False
            if not any(net.version == c.version and net.subnet_of(c)  # type: ignore[arg-type]
                       for c in e.peer_cidrs):
                return False
        if e.regions:
            wanted = {r.lower() for r in e.regions}
            if remote.value.strip().lower() not in wanted:
                return False
        if e.hosts:
            host = remote.value.strip().lower().rstrip(".")
            if not any(fnmatch.fnmatchcase(host, g.lower()) for g in e.hosts):
                return False
        if not e.paths:
            return True
        # SPEC §4: path globs are relative to the policy file's directory.
        rel = file
        if self.policy.base_dir is not None:
            rel = os.path.relpath(self.base / file, self.policy.base_dir).replace(os.sep, "/")
        return any(fnmatch.fnmatchcase(rel, g) for g in e.paths)

    def hygiene_findings(self, catalog: CheckCatalog, policy: Policy) -> list[Finding]:
        out: list[Finding] = []
        for e in policy.exits:
            if not e.approval:
                out += _finding(catalog, policy, "XB902", e,
                                f"approved exit {e.id!r} has no approval reference; it does not "
                                "count until one is given")
            elif not approval_reference(e.approval):
                out += _finding(catalog, policy, "XB902", e,
                                f"approved exit {e.id!r} has the placeholder {e.approval!r} as its "
                                "approval reference; it does not count until the real one is "
                                "given")
            if e.expires is not None and e.expires < self.today:
                out += _finding(catalog, policy, "XB901", e,
                                f"approved exit {e.id!r} expired on {e.expires.isoformat()}; the "
                                "links it covered are reported again")
            elif e.expires is not None and \
                    (e.expires - self.today).days <= policy.expiry_warning_days:
                days = (e.expires - self.today).days
                out += _finding(catalog, policy, "XB906", e,
                                f"approved exit {e.id!r} expires on {e.expires.isoformat()} "
                                f"({_days(days)}, within expiry_warning_days = "
                                f"{policy.expiry_warning_days}); renew the approval before the "
                                "links it covers are reported as errors")
            broad = overbroad(e)
            if broad:
                out += _finding(catalog, policy, "XB907", e,
                                f"approved exit {e.id!r} is overbroad: {broad}; it still "
                                "approves what it matches")
            if not licensed(e.carrier, self.carriers):
                out += _finding(catalog, policy, "XB908", e, carrier_message(e, self.carriers),
                                line=e.carrier_line or e.line, column=e.carrier_column or 1)
        return out


def _days(days: int) -> str:
    return "today is its last day" if days == 0 else \
        f"in {days} day{'s' if days != 1 else ''}"


def overbroad(e: ApprovedExit) -> str:
    """Why an exit approves more than a reviewer can see, or "" when it does not."""
    reasons = []
    if not (e.peer_cidrs or e.regions or e.hosts):
        reasons.append("its match has no constraint on the far end (peer_cidrs, regions or "
                       "hosts)")
    broad = [g for g in e.resources if g.strip() in _BROAD_GLOBS]
    if broad:
        reasons.append(f"resources {', '.join(repr(g) for g in broad)} matches every resource")
    return " and ".join(reasons)


def carrier_message(e: ApprovedExit, carriers: Vocabulary | None) -> str:
    term = carriers.lookup(e.carrier) if carriers is not None else None
    name = term.name if term is not None else e.carrier
    managed = (f"; name it in managed_by ({e.managed_by!r} is already)" if e.managed_by
               else "; name an integrator that runs the line in managed_by")
    return (f"approved exit {e.id!r}: carrier {e.carrier!r} ({name}) cannot provide a cross-border "
            f"line, so the exit does not count: {_LICENSED_TEXT}. Holders of domestic licences "
            "only (a nationwide IP-VPN (B13) or domestic data transfer (A24-1) licence, as BT "
            "China holds) may integrate or manage a company's line but not provide it. Set "
            "carrier to the basic carrier that leases the line (china-telecom, china-unicom or "
            f"china-mobile){managed}")


def _resolved_enough(remote: End) -> bool:
    """An unknown far end still has a value to test when it is a literal address or name
    (a host name in no table); an unresolved value (an unset variable, a value known only
    after apply, a reference to nothing declared) matches nothing (SPEC §9)."""
    value = remote.value.strip()
    return bool(value) and value != remote.attribute and " is unknown: " not in remote.reason \
        and "which is not declared" not in remote.reason


def _finding(catalog: CheckCatalog, policy: Policy, check_id: str, e: ApprovedExit,
             message: str, *, line: int = 0, column: int = 1) -> list[Finding]:
    check = catalog.get(check_id)
    if check is None or check_id in policy.disabled:
        return []
    severity = Severity(policy.check_severity.get(check_id, check.severity.value))
    line = line or e.line
    return [Finding(check_id, severity, check.title, message,
                    Span(policy.rel_path, line, column, line), f"approved_exits[{e.id}]",
                    "policy", fix=check.fix)]
