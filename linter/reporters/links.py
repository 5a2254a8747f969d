"""The links of a report, seen from the border: which end is in mainland China, where the other
end is (Hong Kong/Macau/Taiwan, abroad, any address, unresolved, an internal network), and the
verdict of the finding that reports the link.

Read by the HTML map, the Markdown summary, the register and the text summary line. It works on
the JSON report's findings (`json_report.report_dict`), the stable contract of SPEC §7, so every
field the JSON model carries (an approval's exit, carrier, reference and expiry included) reaches
these formats without another code path.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .. import lazy_re
from ..model import ScanResult
from ..records import dataclass

# Where the far end of a link is, in the order the pictures show them.
ZONES: tuple[str, ...] = ("hk-mo-tw", "abroad", "anywhere", "unknown")
ZONE_TITLES: dict[str, str] = {
    "mainland": "Mainland China",
    "hk-mo-tw": "Hong Kong · Macau · Taiwan",
    "abroad": "Abroad",
    "anywhere": "Any address",
    "unknown": "Unresolved",
    "internal": "Internal networks",
}
# Verdicts, worst first; the colour of a link is its worst finding's.
VERDICTS: tuple[str, ...] = ("error", "warning", "info", "approved", "suppressed")
VERDICT_COLOURS: dict[str, str] = {
    "error": "#c62828", "warning": "#e08600", "info": "#1e6fbf", "approved": "#2e7d32",
    "suppressed": "#8a8a8a",
}

_REGISTERED = lazy_re.compile(r"\bregistered to ([A-Z]{2})\b")
# "region cn-hongkong is Hong Kong", "registered to HK", "ap-east-1 (Hong Kong) is outside"
_SAR = re.compile(r"\bis (?:in )?(?:Hong Kong|Macau|Macao|Taiwan)\b"
                  r"|\bregistered to (?:HK|MO|TW)\b"
                  r"|(?<!includes )\((?:China \()?(?:Hong Kong|Macau|Macao|Taiwan)\)\)? is outside")


@dataclass(frozen=True)
class Place:
    """A node of the picture: where one or more link ends are."""

    zone: str  # mainland, one of ZONES, or internal
    label: str  # cn-north-1, "US addresses", any address, ...

    @property
    def key(self) -> tuple[int, bool, str, str]:
        order = ("mainland", *ZONES, "internal")
        merged = self.label.endswith(" other places")  # html's "N other places" node, last
        return (order.index(self.zone), merged, self.label.lower(), self.label)


@dataclass(frozen=True)
class Link:
    """One finding that reports a link: its inner (mainland-side) and outer ends."""

    index: int  # position of the finding in the report
    finding: Mapping[str, Any]
    inner: Place
    outer: Place
    verdict: str
    swapped: bool = False  # the mainland end is the finding's `remote`

    @property
    def crosses(self) -> bool:
        """One end in mainland China and the other outside it or anywhere: a link across the
        border (approved or not). An unresolved far end is not known to cross."""
        return self.inner.zone == "mainland" and self.outer.zone in ("hk-mo-tw", "abroad",
                                                                     "anywhere")

    @property
    def active(self) -> bool:
        return self.verdict not in ("approved", "suppressed")


@dataclass(frozen=True)
class Approval:
    """The approved exit behind an approved finding (SPEC §9), as the JSON report carries it."""

    exit_id: str
    carrier: str
    approval: str
    expires: str
    managed_by: str

    def days_left(self, today: dt.date) -> int | None:
        try:
            return (dt.date.fromisoformat(self.expires) - today).days
        except ValueError:
            return None


def verdict(f: Mapping[str, Any]) -> str:
    if f.get("status") == "approved":
        return "approved"
    if f.get("suppressed"):
        return "suppressed"
    return str(f.get("severity", "warning"))


def approval(f: Mapping[str, Any]) -> Approval | None:
    """The approved exit of an approved finding: flat fields (`exit_id`/`id`, `carrier`,
    `approval`, `expires`, `managed_by`) or an object under `exit`/`approved_exit`."""
    if f.get("status") != "approved":
        return None
    nested = next((v for k in ("approved_exit", "exit", "approval")
                   if isinstance(v := f.get(k), Mapping)), None)
    src: Mapping[str, Any] = nested if nested is not None else f

    def text(*keys: str, where: Mapping[str, Any] = src) -> str:
        return next((str(v) for k in keys if isinstance(v := where.get(k), (str, int))), "")

    exit_id = text("id", "exit_id") if nested is not None else \
        text("exit_id", "approved_exit", "exit", "id")
    ref = text("approval", "reference", "ref") if nested is not None else text("approval")
    return Approval(exit_id, text("carrier"), ref, text("expires"), text("managed_by"))


def provider(f: Mapping[str, Any]) -> str:
    """`aws`, `alicloud`, ... from a Terraform resource type; `kubernetes`; `policy`."""
    kind = str(f.get("kind", ""))
    if kind != "terraform":
        return kind
    parts = str(f.get("resource") or "").split(".")
    i = 0
    while i < len(parts) - 1 and parts[i] in ("module", "data"):
        i += 2 if parts[i] == "module" else 1
    rtype = parts[i] if i < len(parts) else ""
    return rtype.split("_", 1)[0] if "_" in rtype else rtype or "terraform"


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        return False
    return True


def place(end: Mapping[str, Any]) -> Place:
    """The node an end is drawn at. Addresses are grouped by registration country, so a
    repository with a hundred peers in Germany shows one node, not a hundred."""
    cls = str(end.get("class", "unknown"))
    value = str(end.get("value") or "?")
    reason = str(end.get("reason") or "")
    if cls == "internal":
        return Place("internal", "internal networks")
    if cls == "anywhere":
        return Place("anywhere", "any address")
    if cls == "unknown":
        return Place("unknown", "unresolved")
    label = value
    if _is_address(value):
        country = _REGISTERED.search(reason)
        label = f"{country.group(1)} addresses" if country else "addresses"
    if cls == "mainland":
        return Place("mainland", label)
    return Place("hk-mo-tw" if _SAR.search(reason) else "abroad", label)


def link_of(index: int, f: Mapping[str, Any]) -> Link | None:
    """The link a finding reports, or None when it has no two ends (XB001, policy findings)."""
    local, remote = f.get("local"), f.get("remote")
    if not isinstance(local, Mapping) or not isinstance(remote, Mapping):
        return None
    a, b = place(local), place(remote)
    if b.zone == "mainland" and a.zone != "mainland":
        return Link(index, f, b, a, verdict(f), swapped=True)
    return Link(index, f, a, b, verdict(f))


def links(findings: Sequence[Mapping[str, Any]]) -> list[Link]:
    return [lk for i, f in enumerate(findings) if (lk := link_of(i, f)) is not None]


def worst(verdicts: Iterable[str]) -> str:
    return min(verdicts, key=VERDICTS.index, default="warning")


def by_pair(items: Iterable[Link]) -> dict[tuple[Place, Place], list[Link]]:
    """Links grouped by (inner place, outer place), in a stable order."""
    groups: dict[tuple[Place, Place], list[Link]] = {}
    for lk in items:
        groups.setdefault((lk.inner, lk.outer), []).append(lk)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0][0].key, kv[0][1].key)))


def border_summary(findings: Sequence[Mapping[str, Any]], shown: int = 4) -> str | None:
    """`links across the border: 5 (cn-north-1 -> US addresses 3, ...)`: active findings whose
    link crosses, counted by place pair, most first; None when there are none."""
    pairs = Counter((lk.inner.label, lk.outer.label) for lk in links(findings)
                    if lk.crosses and lk.active)
    if not pairs:
        return None
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = [f"{a} -> {b} {n}" for (a, b), n in ranked[:shown]]
    if len(ranked) > shown:
        more = len(ranked) - shown
        parts.append(f"{more} more pair{'s' if more > 1 else ''}")
    return f"links across the border: {sum(pairs.values())} ({', '.join(parts)})"


def border_line(result: ScanResult) -> str | None:
    """The text report's "links across the border" line for a scan result."""
    from .json_report import report_dict

    return border_summary(report_dict(result)["findings"])


def verdict_facts(report: Mapping[str, Any], approved: int, baselined: int,
                  baselined_label: str) -> list[str]:
    """The counts after a report's one-line verdict (HTML page, Markdown summary)."""
    sev = report["summary"]["by_severity"]
    facts = [f"{sev['error']} errors", f"{sev['warning']} warnings", f"{sev['info']} info",
             f"{approved} approved"]
    if report["summary"].get("suppressed"):
        facts.append(f"{report['summary']['suppressed']} suppressed")
    if baselined:
        facts.append(f"{baselined} {baselined_label}")
    if report["errors"]:
        facts.append(f"{len(report['errors'])} files could not be read")
    return facts
