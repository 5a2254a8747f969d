"""atheris: YAML/JSON manifests through the public `scan()` (the Kubernetes and plan front
ends), on a file in a temporary repository. Errors must be ScanErrors, never exceptions."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from exitlint.app import ScanOptions, UsageError, scan

from _common import run

ROOT = Path(tempfile.mkdtemp(prefix="exitlint-fuzz-"))
(ROOT / ".git").mkdir()
NAME = "fuzz.json" if "--json" in sys.argv else "fuzz.yaml"
if "--json" in sys.argv:
    sys.argv.remove("--json")


def target(data: bytes) -> None:
    (ROOT / NAME).write_bytes(data)
    try:
        result = scan(ScanOptions(paths=[ROOT], base=ROOT, today=dt.date(2026, 1, 1)))
    except UsageError:
        return
    for err in result.errors:
        assert err.line >= 1 and err.column >= 1 and err.message


if __name__ == "__main__":
    run(target)
