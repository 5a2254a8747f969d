"""Human output: one line per finding, then why and how to fix. Colour only on a TTY.

Every field that comes from the input (file names, resource labels, values, messages that quote
them, notes) goes through `terminal_safe`: this is what a developer's terminal and a CI log show,
so no escape sequence, CR or newline from a scanned file may reach them raw.
"""

from __future__ import annotations

from typing import IO, Any

from ..model import ScanResult, Severity
from . import terminal_safe as safe

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET, _DIM, _BOLD = "\033[0m", "\033[2m", "\033[1m"


def render(result: ScanResult, stream: IO[str], options: dict[str, Any]) -> None:
    colour = bool(options.get("colour"))
    quiet = bool(options.get("quiet"))

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for f in result.findings:
        if f.suppressed:
            continue
        sev = paint(f.severity.value, _COLOURS[f.severity])
        stream.write(f"{paint(f'{safe(f.span.file)}:{f.span.line}:{f.span.column}', _BOLD)}: "
                     f"{f.check_id} {sev} {safe(f.resource)}\n")
        stream.write(f"  {safe(f.message)}\n")
        if not quiet:
            if f.local is not None and f.remote is not None:
                stream.write(paint(f"  ends: {safe(f.local.value or '?')} ({f.local.cls.value})"
                                   f" <-> {safe(f.remote.value or '?')} ({f.remote.cls.value})\n",
                                   _DIM))
            if f.fix:
                stream.write(paint(f"  fix: {safe(' '.join(f.fix.split()))}\n", _DIM))
    for e in result.errors:
        stream.write(f"{safe(e.file)}:{e.line}:{e.column}: "
                     f"{paint('error', _COLOURS[Severity.ERROR])} {safe(e.message)}\n")
    if not quiet:
        for note in result.notes:
            stream.write(paint(f"note: {safe(note)}\n", _DIM))
    active = [f for f in result.findings if not f.suppressed]
    counts = {s: sum(1 for f in active if f.severity is s) for s in Severity}
    suppressed = len(result.findings) - len(active)
    summary = (f"{result.files} files, {result.resources} resources: "
               f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
               f"{counts[Severity.INFO]} info"
               + (f", {suppressed} suppressed" if suppressed else "")
               + (f", {options['baselined']} baselined" if options.get("baselined") else "")
               + (f", {len(result.errors)} files could not be read" if result.errors else ""))
    stream.write(summary + "\n")
