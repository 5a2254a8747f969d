"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.

    ::error file=net/vpn.tf,line=9,endLine=13,col=1,title=XB101 Site-to-site VPN ...::message

Escaping follows GitHub's runner (`ActionCommand`): in the message `%`, CR and LF are
percent-encoded; in property values `:` and `,` are too. Other control characters are shown as
visible escapes (`\\x1b`). Suppressed findings are not annotated.
"""

from __future__ import annotations

from typing import IO, Any

from ..model import Finding, ScanResult, Severity
from . import ReportOptions, one_line, shown_root, summary_line, terminal_safe

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


def _message(f: Finding) -> str:
    """The annotation body: message, resource, the root module it was evaluated from (the same
    module file can be annotated once per root), the chain behind its ends, the fix."""
    lines = [f.message, f"Resource: {f.resource}"]
    root = shown_root(f)
    if root is not None:
        lines.append(f"Root module: {root}")
    lines += [f"Via: {o.file}:{o.line}: {o.what}" for o in f.related]
    if f.fix:
        lines.append(f"Fix: {one_line(f.fix)}")
    return "\n".join(lines)


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    for f in result.findings:
        if f.suppressed:
            continue
        end = f.span.end_line if f.span.end_line and f.span.end_line > f.span.line else None
        stream.write(command(_LEVEL[f.severity], _message(f), file=f.span.file,
                             line=f.span.line, endLine=end, col=f.span.column or None,
                             title=f"{f.check_id} {f.title}") + "\n")
    for e in result.errors:
        stream.write(command("error", e.message, file=e.file, line=e.line, col=e.column or None,
                             title="exitlint: cannot read file") + "\n")
    stream.write(f"exitlint: {summary_line(result, options.baselined)}\n")
