"""`--format register-md`: the register of cross-border links (register.py) as a Markdown page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import IO, Any

from ..model import ScanResult
from . import ReportOptions
from .json_report import report_dict
from .markdown import md
from .register import STATUSES, entries, register_today

_SHOWN = ("status", "check", "resource", "file", "mainland_end", "far_end", "carrier",
          "approved_exit", "approval", "expires", "days_left", "note")
_HEAD = ("Status", "Check", "Resource", "File", "Mainland end", "Far end", "Carrier",
         "Approved exit", "Approval", "Expires", "Days left", "Note")


def render_markdown(report: Mapping[str, Any], stream: IO[str], today: dt.date) -> None:
    rows = entries(report["findings"], today)
    counts = Counter(e.status for e in rows)
    stream.write("# Register of cross-border links\n\n")
    stream.write(f"{len(rows)} links cross, or may cross, the border of mainland China: "
                 + ", ".join(f"{counts[s]} {s}" for s in STATUSES)
                 + f". Days left are counted from {today.isoformat()}.\n\n")
    if not rows:
        return
    stream.write("| " + " | ".join(_HEAD) + " |\n|" + "---|" * len(_HEAD) + "\n")
    for e in rows:
        cells = [md(e.values[c]) for c in _SHOWN]
        cells[3] = f"{cells[3]}:{md(e.values['line'])}"
        stream.write("| " + " | ".join(cells) + " |\n")


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    render_markdown(report_dict(result, options.baselined), stream, register_today())
