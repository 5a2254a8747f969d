"""Human output: one line per finding, then why and how to fix. Colour only on a TTY.

Every field that comes from the input (file names, resource labels, values, messages that quote
them, notes) goes through `terminal_safe`: this is what a developer's terminal and a CI log show,
so no escape sequence, CR or newline from a scanned file may reach them raw.
"""

from __future__ import annotations

from typing import IO

from ..model import Finding, ScanResult, Severity
from . import ReportOptions, one_line, summary_line
from . import terminal_safe as safe
from .links import border_line

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET, _DIM, _BOLD = "\033[0m", "\033[2m", "\033[1m"


MAX_VIA = 6  # "via" lines per finding in text


def via_lines(f: Finding) -> list[str]:
    """`  via file:line: what`, one per step of the chain that produced the finding's ends, so a
    finding shown because of a named tfvars file or ConfigMap says where that file comes in."""
    lines = [f"  via {safe(o.file)}:{o.line}: {safe(o.what)}" for o in f.related[:MAX_VIA]]
    if len(f.related) > MAX_VIA:  # chains through large locals stay readable; JSON has them all
        lines.append(f"  via ... {len(f.related) - MAX_VIA} more (all in --format json/sarif)")
    return lines


def shown(f: Finding, options: ReportOptions) -> bool:
    """Whether text lists a finding that does not count: approved links with --show-approved,
    what the baseline hid with --show-baselined."""
    return (f.status == "approved" and options.show_approved) or \
        (f.status == "baselined" and options.show_baselined)


def approval_line(f: Finding) -> str:
    """`approved by exit cu-iplc (china-unicom, approval CU-42, expires 2027-06-30, managed by
    BT China)`."""
    a = f.approval
    if a is None:
        return ""
    parts = [a.carrier, f"approval {a.approval}"]
    if a.expires:
        parts.append(f"expires {a.expires}")
    if a.managed_by:
        parts.append(f"managed by {a.managed_by}")
    return f"approved by exit {a.exit_id} ({', '.join(parts)})"


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if options.colour else text

    for f in result.findings:
        if f.suppressed and not shown(f, options):
            continue
        sev = paint(f.severity.value, _COLOURS[f.severity])
        tag = f" [{f.status}]" if f.suppressed else ""
        stream.write(f"{paint(f'{safe(f.span.file)}:{f.span.line}:{f.span.column}', _BOLD)}: "
                     f"{f.check_id} {sev}{tag} {safe(f.resource)}\n")
        stream.write(f"  {safe(f.message)}\n")
        if f.approval is not None:
            stream.write(f"  {safe(approval_line(f))}\n")
        for line in via_lines(f):
            stream.write(line + "\n")
        if not options.quiet:
            if f.local is not None and f.remote is not None:
                stream.write(paint(f"  ends: {safe(f.local.value or '?')} ({f.local.cls.value})"
                                   f" <-> {safe(f.remote.value or '?')} ({f.remote.cls.value})\n",
                                   _DIM))
            if f.fix:
                stream.write(paint(f"  fix: {safe(one_line(f.fix))}\n", _DIM))
    for e in result.errors:
        stream.write(f"{safe(e.file)}:{e.line}:{e.column}: "
                     f"{paint('error', _COLOURS[Severity.ERROR])} {safe(e.message)}\n")
    if not options.quiet:
        for note in result.notes:
            stream.write(paint(f"note: {safe(note)}\n", _DIM))
    border = border_line(result)  # counts by region pair, when links cross
    if border:
        stream.write(safe(border) + "\n")
    stream.write(summary_line(result, options.baselined) + "\n")
