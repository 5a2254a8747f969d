"""Approved exits from the policy: matching crossing links, and their own hygiene (XB901/XB902)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import ipaddress
import os
import re
from pathlib import Path

from ..model import End, Finding, Severity, Span
from ..policy import ApprovedExit, Policy
from .catalog import CheckCatalog

_INSTANCE_KEY = re.compile(r"\[[^\]]*\]")


class ExitMatcher:
    def __init__(self, policy: Policy, today: dt.date, base: Path | None = None) -> None:
        self.base = base or Path.cwd()  # report paths are relative to this
        self.policy = policy
        self.today = today
        self.valid = tuple(e for e in policy.exits if self._usable(e))

    def _usable(self, e: ApprovedExit) -> bool:
        return bool(e.approval) and (e.expires is None or e.expires >= self.today)

    def approves(self, address: str, file: str, local: End, remote: End) -> bool:
        return any(self._matches(e, address, file, local, remote) for e in self.valid)

    def _matches(self, e: ApprovedExit, address: str, file: str, local: End, remote: End) -> bool:
        if e.resources:
            plain = _INSTANCE_KEY.sub("", address)
            if not any(fnmatch.fnmatchcase(a, g) for g in e.resources for a in (address, plain)):
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
            if local.value.lower() not in wanted and remote.value.lower() not in wanted:
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
            if e.expires is not None and e.expires < self.today:
                out += _finding(catalog, policy, "XB901", e,
                                f"approved exit {e.id!r} expired on {e.expires.isoformat()}; the "
                                "links it covered are reported again")
        return out


def _finding(catalog: CheckCatalog, policy: Policy, check_id: str, e: ApprovedExit,
             message: str) -> list[Finding]:
    check = catalog.get(check_id)
    if check is None or check_id in policy.disabled:
        return []
    severity = Severity(policy.check_severity.get(check_id, check.severity.value))
    return [Finding(check_id, severity, check.title, message,
                    Span(policy.rel_path, e.line, 1, e.line), f"approved_exits/{e.id}", "policy",
                    fix=check.fix)]
