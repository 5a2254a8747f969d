"""Render a ScanResult. Each reporter is a function (result, stream, options) -> None, where
options is a `ReportOptions`; `REPORTERS` names them all, and is the one list of formats.

Reporters read only the ScanResult (its `checks` are the checks the scan ran) and the options:
they never load the check catalogue or import the docs generator themselves.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from .. import lazy_re
from ..model import Finding, ScanResult, Severity
from ..records import dataclass

if TYPE_CHECKING:
    from ..engine.catalog import Check


@dataclass(frozen=True)
class ReportOptions:
    colour: bool = False  # ANSI colours (text on a terminal only)
    quiet: bool = False  # only findings and the summary
    baselined: int = 0  # findings a baseline file hid: counted, not in the result
    show_approved: bool = False  # text: list approved links (JSON/SARIF always have them)
    show_baselined: bool = False  # text: list what the baseline hid (then in the result)
    # A check's documentation page in Markdown (docs.render_check_page), for SARIF rule help.
    # Passed in by the caller because reporters sit beside the docs generator, not above it.
    check_page: Callable[[Check], str] | None = None


Reporter = Callable[[ScanResult, IO[str], ReportOptions], None]

# Format name -> module (in this package) whose `render` writes it. Imported on demand so a text
# run never loads the JSON, SARIF or XML machinery.
REPORTERS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "html": "html",
    "markdown": "markdown",
    "register-csv": "register",
    "register-md": "register_md",
}
FORMATS: tuple[str, ...] = tuple(REPORTERS)

# Characters that must never reach a terminal or a CI log raw, because file names, labels and
# values are attacker-controlled: C0 controls (ESC starts OSC 52 clipboard writes, hyperlinks
# and line erases; CR and LF forge lines such as `::error`), DEL, C1 controls (8-bit CSI/OSC),
# Unicode line separators, and the bidi overrides that reorder what a reviewer reads.
# Every one of them is non-printable (str.isprintable): printable text, most of what is shown,
# needs no pattern, and a run whose output is all printable never compiles it (~0.7 ms).
_TERMINAL_UNSAFE = lazy_re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                                   "\u2066-\u2069\ud800-\udfff]")
# Lone surrogates: a non-UTF-8 file name decoded with surrogateescape (`b"\xff"` is
# U+DCFF), or a `\ud800` escape in JSON input. No UTF-8 stream or JSON/XML consumer takes them.
_SURROGATE = lazy_re.compile("[\ud800-\udfff]")  # none in ASCII text (see terminal_safe)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the original byte of a non-UTF-8 file name
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every unsafe character shown as a visible escape (`\\x1b`, `\\x0a`,
    `\\u202e`), so a field from the input is always one piece of one line."""
    if text.isprintable():
        return text
    return _TERMINAL_UNSAFE.sub(_escape_char, text)


def unicode_safe(text: str) -> str:
    """`text` encodable as UTF-8: a non-UTF-8 byte of a file name is shown as `\\xff`. The same
    name always gives the same string (reports stay deterministic)."""
    if text.isascii():
        return text
    return _SURROGATE.sub(_escape_char, text)


def unicode_safe_tree(report: dict[str, Any]) -> dict[str, Any]:
    """A JSON-shaped report with `unicode_safe` applied to every string, keys included."""
    return {unicode_safe(k): _safe_value(v) for k, v in report.items()}


def _safe_value(value: Any) -> Any:
    if isinstance(value, str):
        return unicode_safe(value)
    if isinstance(value, dict):
        return unicode_safe_tree(value)
    if isinstance(value, list):
        return [_safe_value(v) for v in value]
    return value


def get_reporter(name: str) -> Reporter:
    """The render function of format `name` (KeyError for an unknown format)."""
    module = importlib.import_module(f"{__name__}.{REPORTERS[name]}")
    render: Reporter = module.render
    return render


def summary_line(result: ScanResult, baselined: int = 0) -> str:
    """`12 files, 80 resources: 2 errors, 1 warnings, 0 info[, 3 suppressed]...`: the closing
    line of the text and GitHub reports."""
    active = [f for f in result.findings if not f.suppressed]
    counts = {s: sum(1 for f in active if f.severity is s) for s in Severity}
    status = status_counts(result)
    baselined = max(baselined, status["baselined"])
    return (f"{result.files} files, {result.resources} resources: "
            f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.INFO]} info"
            + (f", {status['approved']} approved" if status["approved"] else "")
            + (f", {status['suppressed']} suppressed" if status["suppressed"] else "")
            + (f", {baselined} baselined" if baselined else "")
            + (f", {len(result.excluded)} excluded" if result.excluded else "")
            + (f", {len(result.errors)} files could not be read" if result.errors else ""))


def status_counts(result: ScanResult) -> dict[str, int]:
    """Findings per status: open, approved (an approved exit), suppressed (inline), baselined
    (listed with --show-baselined)."""
    counts = {"open": 0, "approved": 0, "suppressed": 0, "baselined": 0}
    for f in result.findings:
        counts[f.status] += 1
    return counts


def one_line(text: str) -> str:
    """Text folded onto one line (a check's fix text is written as a YAML block)."""
    return " ".join(text.split())



def shown_root(f: Finding) -> str | None:
    """The root module to name beside a finding, or None: none outside Terraform, and none for
    the scan's own directory (`.`), which every finding of a one-root scan would repeat."""
    return f.root if f.root not in (None, "", ".") else None
