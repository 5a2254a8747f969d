"""Render a ScanResult. Each reporter is a function (result, stream, options) -> None.

Options every reporter may read: `colour` (bool), `quiet` (bool), `baselined` (int: findings a
baseline file hid; they are not in the result).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

from ..model import ScanResult

Reporter = Callable[[ScanResult, IO[str], dict[str, Any]], None]

# Characters that must never reach a terminal or a CI log raw, because file names, labels and
# values are attacker-controlled: C0 controls (ESC starts OSC 52 clipboard writes, hyperlinks
# and line erases; CR and LF forge lines such as `::error`), DEL, C1 controls (8-bit CSI/OSC),
# Unicode line separators, and the bidi overrides that reorder what a reviewer reads.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                              "\u2066-\u2069\ud800-\udfff]")
# Lone surrogates: a non-UTF-8 file name decoded with surrogateescape (`b"\xff"` is
# U+DCFF), or a `\ud800` escape in JSON input. No UTF-8 stream or JSON/XML consumer takes them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the original byte of a non-UTF-8 file name
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every unsafe character shown as a visible escape (`\\x1b`, `\\x0a`,
    `\\u202e`), so a field from the input is always one piece of one line."""
    return _TERMINAL_UNSAFE.sub(_escape_char, text)


def unicode_safe(text: str) -> str:
    """`text` encodable as UTF-8: a non-UTF-8 byte of a file name is shown as `\\xff`. The same
    name always gives the same string (reports stay deterministic)."""
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
    # Imported on demand so a text run never loads the JSON, SARIF or XML machinery.
    if name == "text":
        from .text import render
    elif name == "json":
        from .json_report import render
    elif name == "sarif":
        from .sarif import render
    elif name == "junit":
        from .junit import render
    elif name == "github":
        from .github import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json", "sarif", "junit", "github")
