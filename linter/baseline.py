"""Baseline files (SPEC §5): accept the findings that exist today, report only new ones.

`exitlint --write-baseline .exitlint-baseline.json` records every open finding and every
approved one; `exitlint --baseline .exitlint-baseline.json` hides an open finding that an entry
accepts. An entry is keyed on check ID, file, resource and root module (Terraform: the module is
evaluated once per root that calls it), never the line or the message, so moving a block does
not resurface it. An entry without `root` (written before roots were recorded) matches the
finding from any root. Files are relative to the scan root, as in every report: write and use
the baseline from the same directory (the repository root).

A baseline never hides an escalation: an entry accepts a finding only while
- its severity is not higher than recorded (an unknown warning that became a confirmed error
  is new),
- its far end (`remote` class and value) is the one recorded, when the entry records one,
- it was open when recorded: an entry recorded while an approved exit covered the link
  (`status: approved`) never hides it once the approval lapsed.

Format (stable, sorted, one entry per key and status):

    {"version": 1, "tool": "exitlint",
     "findings": [{"check_id": "XB101", "file": "net/vpn.tf",
                   "resource": "aws_vpn_connection.hq", "root": "envs/prod",
                   "severity": "error", "status": "open",
                   "remote": {"class": "non-mainland", "value": "203.0.113.9"}}]}

Hidden findings are left out of every report (listed with `--show-baselined`, status
`baselined`) and counted in the summary as `baselined`.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from .fileio import read_bounded
from .model import Finding, ScanResult
from .records import dataclass
from .reporters import unicode_safe

Key = tuple[str, str, str, str | None]  # check ID, file, resource, root (None: any root)
MAX_BASELINE_BYTES = 64 * 1024 * 1024  # far above any real baseline; /dev/zero never ends


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline: a usage error."""


def key(f: Finding) -> Key:
    # as the baseline file spells it: a non-UTF-8 byte of a file name as `\xff`
    root = unicode_safe(f.root) if f.root is not None else None
    return (f.check_id, unicode_safe(f.span.file), unicode_safe(f.resource), root)


@dataclass(frozen=True)
class Entry:
    """What an entry accepts beyond its key: the highest severity, the far end, the status."""

    severity: str | None
    remote: tuple[str, str] | None  # class, value; None: not recorded (older baselines)
    status: str = "open"  # open | approved


Baseline = dict[Key, list[Entry]]


def _remote(f: Finding) -> tuple[str, str] | None:
    return (f.remote.cls.value, unicode_safe(f.remote.value)) if f.remote is not None else None


def _entry(k: Key, e: Entry) -> dict[str, Any]:
    c, fi, r, root = k
    entry: dict[str, Any] = {"check_id": c, "file": fi, "resource": r}
    if root is not None:
        entry["root"] = root
    entry["severity"] = e.severity
    entry["status"] = e.status
    if e.remote is not None:
        entry["remote"] = {"class": e.remote[0], "value": e.remote[1]}
    return entry


def baseline_dict(result: ScanResult) -> dict[str, Any]:
    entries: dict[tuple[Key, str, tuple[str, str] | None], Entry] = {}
    for f in result.findings:
        if f.status not in ("open", "approved"):
            continue
        e = Entry(f.severity.value, _remote(f), f.status)
        k = (key(f), f.status, e.remote)
        old = entries.get(k)
        if old is None or _rank(e.severity) > _rank(old.severity):
            entries[k] = e
    ordered = sorted(entries, key=lambda k: (*k[0][:3], k[0][3] or "", k[1], k[2] or ("", "")))
    return {"version": 1, "tool": "exitlint", "findings": [
        _entry(k[0], entries[k]) for k in ordered]}


def _rank(severity: str | None) -> int:
    return {"error": 3, "warning": 2, "info": 1}.get(severity or "", 3)


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


def load_baseline(path: Path) -> Baseline:
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
    keys: Baseline = {}
    for i, entry in enumerate(raw["findings"]):
        if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), str) for k in ("check_id", "file", "resource")) or \
                not isinstance(entry.get("root"), (str, type(None))):
            raise BaselineError(f"baseline {path}: findings[{i}] needs check_id, file and "
                                "resource strings (and root, when given, a string)")
        k = (entry["check_id"], entry["file"], entry["resource"], entry.get("root"))
        keys.setdefault(k, []).append(_parse_entry(entry, path, i))
    return keys


def _parse_entry(entry: dict[str, Any], path: Path, i: int) -> Entry:
    severity = entry.get("severity")
    status = entry.get("status", "open")
    remote = entry.get("remote")
    if severity not in (None, "error", "warning", "info") or status not in ("open", "approved"):
        raise BaselineError(f"baseline {path}: findings[{i}] has an unknown severity or status")
    if remote is not None and not (isinstance(remote, dict) and isinstance(remote.get("class"), str)
                                   and isinstance(remote.get("value"), str)):
        raise BaselineError(f"baseline {path}: findings[{i}].remote needs class and value "
                            "strings")
    return Entry(severity, (remote["class"], remote["value"]) if remote else None, status)


def _accepts(e: Entry, f: Finding) -> bool:
    """Whether entry `e` still hides open finding `f`: never when it escalated."""
    if e.status != "open":
        return False  # recorded while approved: the approval lapsed
    if f.severity.rank > _rank(e.severity):
        return False
    return e.remote is None or e.remote == _remote(f)


def _listed(f: Finding, keys: Baseline) -> bool:
    k = key(f)
    entries = keys.get(k, []) + keys.get((*k[:3], None), [])  # without root: every root
    return any(_accepts(e, f) for e in entries)


def apply_baseline(result: ScanResult, keys: Baseline,
                   show: bool = False) -> tuple[ScanResult, int]:
    """The result without baselined findings (with `show`, kept and marked `baselined`), and
    how many were hidden. Suppressed and approved findings are kept as they are."""
    kept: list[Finding] = []
    hidden = 0
    for f in result.findings:
        if f.suppressed or not _listed(f, keys):
            kept.append(f)
            continue
        hidden += 1
        if show:
            kept.append(replace(f, suppressed=True, baselined=True))
    return replace(result, findings=kept), hidden
