"""Baseline files (SPEC §5): accept the findings that exist today, report only new ones.

`exitlint --write-baseline .exitlint-baseline.json` writes every active (unsuppressed) finding;
`exitlint --baseline .exitlint-baseline.json` hides findings that match an entry. An entry is keyed
on check ID, file, resource and root module (Terraform: the module is evaluated once per root that
calls it), never the line or the message, so moving a block or a changed peer address in the same
resource does not resurface it. An entry without `root` (written before roots were recorded)
matches the finding from any root. Files are relative to the scan root, as
in every report: write and use the baseline from the same directory (the repository root).

Format (stable, sorted, one entry per key):

    {"version": 1, "tool": "exitlint",
     "findings": [{"check_id": "XB101", "file": "net/vpn.tf",
                   "resource": "aws_vpn_connection.hq", "root": "envs/prod",
                   "severity": "error"}]}

`severity` is informational. Hidden findings are left out of every report and counted in the
summary as `baselined`.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from .fileio import read_bounded
from .model import Finding, ScanResult
from .reporters import unicode_safe

Key = tuple[str, str, str, str | None]  # check ID, file, resource, root (None: any root)
MAX_BASELINE_BYTES = 64 * 1024 * 1024  # far above any real baseline; /dev/zero never ends


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline: a usage error."""


def key(f: Finding) -> Key:
    # as the baseline file spells it: a non-UTF-8 byte of a file name as `\xff`
    root = unicode_safe(f.root) if f.root is not None else None
    return (f.check_id, unicode_safe(f.span.file), unicode_safe(f.resource), root)


def _entry(k: Key, severity: str) -> dict[str, str]:
    c, fi, r, root = k
    entry = {"check_id": c, "file": fi, "resource": r}
    if root is not None:
        entry["root"] = root
    entry["severity"] = severity
    return entry


def baseline_dict(result: ScanResult) -> dict[str, Any]:
    entries: dict[Key, str] = {}
    for f in result.findings:
        if not f.suppressed:
            entries.setdefault(key(f), f.severity.value)
    return {"version": 1, "tool": "exitlint", "findings": [
        _entry(k, entries[k]) for k in sorted(entries, key=lambda k: (*k[:3], k[3] or ""))]}


def write_baseline(result: ScanResult, path: Path) -> int:
    data = baseline_dict(result)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return len(data["findings"])


def _read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BASELINE_BYTES. Opened without blocking and
    checked on the open descriptor: a FIFO would wait forever, a symlink to /dev/zero would
    fill the memory."""
    got = read_bounded(path, MAX_BASELINE_BYTES)
    if got.errno is not None:
        raise OSError(got.errno, os.strerror(got.errno))
    if not got.regular:
        raise BaselineError(f"baseline {path} is not a regular file")
    if got.size > MAX_BASELINE_BYTES or len(got.data) > MAX_BASELINE_BYTES:
        raise BaselineError(f"baseline {path} is larger than {MAX_BASELINE_BYTES} bytes")
    return got.data


def load_baseline(path: Path) -> set[Key]:
    try:
        raw = json.loads(_read_bounded(path).decode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("version") != 1 or not isinstance(
            raw.get("findings"), list):
        raise BaselineError(f"baseline {path} is not an exitlint baseline "
                            "(expected {\"version\": 1, \"findings\": [...]})")
    keys: set[Key] = set()
    for i, entry in enumerate(raw["findings"]):
        if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), str) for k in ("check_id", "file", "resource")) or \
                not isinstance(entry.get("root"), (str, type(None))):
            raise BaselineError(f"baseline {path}: findings[{i}] needs check_id, file and "
                                "resource strings (and root, when given, a string)")
        keys.add((entry["check_id"], entry["file"], entry["resource"], entry.get("root")))
    return keys


def _listed(k: Key, keys: set[Key]) -> bool:
    return k in keys or (*k[:3], None) in keys  # an entry without root matches every root


def apply_baseline(result: ScanResult, keys: set[Key]) -> tuple[ScanResult, int]:
    """The result without baselined findings, and how many were hidden. Suppressed findings
    are kept (they are already hidden and stay visible as such in JSON/SARIF)."""
    kept = [f for f in result.findings if f.suppressed or not _listed(key(f), keys)]
    hidden = len(result.findings) - len(kept)
    return replace(result, findings=kept), hidden
