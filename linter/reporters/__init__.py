"""Render a ScanResult. Each reporter is a function (result, stream, options) -> None."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from ..model import ScanResult

Reporter = Callable[[ScanResult, IO[str], dict[str, Any]], None]


def get_reporter(name: str) -> Reporter:
    # Imported on demand so a text run never loads the JSON or SARIF machinery.
    if name == "text":
        from .text import render
    elif name == "json":
        from .json_report import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json")
