"""The register of cross-border links (`--format register-csv`; `register-md` in register_md.py).

What a compliance owner hands to an auditor: every link in the scanned configuration that crosses
the border of mainland China, approved or not (one end in mainland China, the other outside it
or open to any address), and every link whose far end could not be resolved (it may cross). For
each: its status, check, resource, root module, location, both ends, the carrier, approved exit,
approval reference and expiry of its approval, and the days left until that expiry.

Days are counted from today, or from `EXITLINT_TODAY` (an ISO date) when set, so a register is
reproducible for a given day.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import IO, Any

from ..model import ScanResult
from ..records import dataclass
from . import ReportOptions, terminal_safe
from .json_report import report_dict
from .links import Link, approval, links

TODAY_ENV = "EXITLINT_TODAY"
COLUMNS: tuple[str, ...] = (
    "status", "check", "resource", "root", "file", "line", "mainland_end", "far_end", "far_place",
    "carrier", "approved_exit", "approval", "expires", "days_left", "managed_by", "note")
STATUSES: tuple[str, ...] = ("unapproved", "unresolved", "suppressed", "approved")


def register_today(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today, or the date in EXITLINT_TODAY (ValueError when that is not an ISO date)."""
    value = (os.environ if environ is None else environ).get(TODAY_ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={value[:40]!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Entry:
    """One row of the register."""

    values: dict[str, str]

    @property
    def status(self) -> str:
        return self.values["status"]


def _end(end: Any) -> str:
    if not isinstance(end, Mapping):
        return ""
    return terminal_safe(f"{end.get('value', '')} ({end.get('class', '')})")


def _entry(lk: Link, today: dt.date) -> Entry:
    f = lk.finding
    inner, outer = (f.get("remote"), f.get("local")) if lk.swapped else (f.get("local"),
                                                                         f.get("remote"))
    if lk.verdict == "approved":
        status = "approved"
    elif lk.verdict == "suppressed":
        status = "suppressed"
    else:
        status = "unapproved" if lk.crosses else "unresolved"
    appr = approval(f)
    days = appr.days_left(today) if appr is not None else None
    note = ""
    if status == "suppressed":
        note = f"suppressed: {f.get('suppression_reason') or ''}".strip()
    elif status == "unresolved" and isinstance(outer, Mapping):
        note = str(outer.get("reason", ""))
    elif days is not None and days < 0:
        note = "approval expired"
    values = {
        "status": status, "check": str(f.get("check_id", "")),
        "resource": str(f.get("resource") or ""), "root": str(f.get("root") or ""),
        "file": str(f.get("file", "")), "line": str(f.get("line", "")),
        "mainland_end": _end(inner), "far_end": _end(outer),
        "far_place": f"{lk.outer.label} ({lk.outer.zone})",
        "carrier": appr.carrier if appr else "", "approved_exit": appr.exit_id if appr else "",
        "approval": appr.approval if appr else "", "expires": appr.expires if appr else "",
        "days_left": "" if days is None else str(days),
        "managed_by": appr.managed_by if appr else "", "note": note,
    }
    return Entry({k: terminal_safe(v) for k, v in values.items()})


def entries(findings: Sequence[Mapping[str, Any]], today: dt.date) -> list[Entry]:
    """The register's rows: links that cross (or may cross), in report order."""
    return [_entry(lk, today) for lk in links(findings)
            if lk.inner.zone == "mainland" and (lk.crosses or lk.outer.zone == "unknown")]


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading `=`, `+`, `-`, `@`, tab or CR (a
    formula, in a value that came from the scanned code) gets a `'` in front."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def render_csv(report: Mapping[str, Any], stream: IO[str], today: dt.date) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries(report["findings"], today):
        writer.writerow([e.values[c] if c == "days_left" else _cell(e.values[c])
                         for c in COLUMNS])


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    render_csv(report_dict(result, options.baselined), stream, register_today())
