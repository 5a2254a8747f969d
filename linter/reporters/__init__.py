"""Render a ScanResult. Each reporter is a function (result, stream, options) -> None.

Options every reporter may read: `colour` (bool), `quiet` (bool), `baselined` (int: findings a
baseline file hid; they are not in the result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from ..model import ScanResult

Reporter = Callable[[ScanResult, IO[str], dict[str, Any]], None]


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
