"""GitLab Code Quality JSON (`artifacts:reports:codequality`): merge requests show each open
finding on the diff. The format is the subset of the Code Climate issue spec that GitLab reads:
an array of objects with `description`, `check_name`, `fingerprint`, `severity` (info, minor,
major, critical, blocker) and `location.path` + `location.lines.begin`.

Only findings that count are listed: approved, suppressed and baselined ones are not issues to
fix in a merge request (the JSON and SARIF reports keep them). Paths are relative to the
repository root, as GitLab resolves them, whatever directory was scanned. A file that could not
be read is an issue too (`exitlint/unreadable`): nothing is dropped silently. Deterministic: the
same result gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import IO, Any

from ..model import Finding, ScanError, ScanResult, Severity
from . import ReportOptions, unicode_safe_tree
from .sarif import from_repo_root

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}
UNREADABLE = "exitlint/unreadable"


def _issue(f: Finding, prefix: str) -> dict[str, Any]:
    text = f.message if f.message.endswith(".") else f.message + "."
    return {
        "description": f"{f.check_id} {text} Resource: {f.resource}.",
        "check_name": f.check_id,
        "fingerprint": f.fingerprint or _digest(f.check_id, f.span.file, f.resource,
                                                 str(f.span.line)),
        "severity": SEVERITY[f.severity],
        "location": {"path": from_repo_root(f.span.file, prefix),
                     "lines": {"begin": max(1, f.span.line)}},
    }


def _error(e: ScanError, prefix: str) -> dict[str, Any]:
    return {
        "description": f"exitlint could not check this file: {e.message}",
        "check_name": UNREADABLE,
        "fingerprint": _digest(UNREADABLE, e.file, e.message),
        "severity": "major",
        "location": {"path": from_repo_root(e.file, prefix),
                     "lines": {"begin": max(1, e.line)}},
    }


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def gitlab_list(result: ScanResult) -> list[dict[str, Any]]:
    prefix = result.source_prefix
    issues = [_issue(f, prefix) for f in result.findings if not f.suppressed]
    issues += [_error(e, prefix) for e in result.errors]
    return [unicode_safe_tree(i) for i in issues]


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    json.dump(gitlab_list(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
