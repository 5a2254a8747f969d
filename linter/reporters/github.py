"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.

    ::error file=net/vpn.tf,line=9,endLine=13,col=1,title=XB101 Site-to-site VPN ...::message

Escaping follows GitHub's runner (`ActionCommand`): in the message `%`, CR and LF are
percent-encoded; in property values `:` and `,` are too. Other control characters are shown as
visible escapes (`\\x1b`). Suppressed findings are not annotated.
"""

from __future__ import annotations

from typing import IO, Any

from ..model import ScanResult, Severity
from . import terminal_safe

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # then the other controls (ESC, NUL, C1, bidi overrides) and non-UTF-8 bytes of file names
    # as visible escapes: the runner would pass them to the log and the annotation raw
    return terminal_safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: Any) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + parts if parts else ''}::{escape_data(message)}"


def render(result: ScanResult, stream: IO[str], options: dict[str, Any]) -> None:
    for f in result.findings:
        if f.suppressed:
            continue
        end = f.span.end_line if f.span.end_line and f.span.end_line > f.span.line else None
        message = f"{f.message}\nResource: {f.resource}"
        if f.fix:
            message += f"\nFix: {' '.join(f.fix.split())}"
        stream.write(command(_LEVEL[f.severity], message, file=f.span.file, line=f.span.line,
                             endLine=end, col=f.span.column or None,
                             title=f"{f.check_id} {f.title}") + "\n")
    for e in result.errors:
        stream.write(command("error", e.message, file=e.file, line=e.line, col=e.column or None,
                             title="exitlint: cannot read file") + "\n")
    active = [f for f in result.findings if not f.suppressed]
    counts = {s: sum(1 for f in active if f.severity is s) for s in Severity}
    baselined = int(options.get("baselined") or 0)
    stream.write(f"exitlint: {result.files} files, {result.resources} resources: "
                 f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
                 f"{counts[Severity.INFO]} info"
                 + (f", {len(result.findings) - len(active)} suppressed"
                    if len(active) != len(result.findings) else "")
                 + (f", {baselined} baselined" if baselined else "")
                 + (f", {len(result.errors)} files could not be read" if result.errors else "")
                 + "\n")
