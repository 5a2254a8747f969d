"""The JSON report: the stable contract of SPEC §7 (schemas/report.schema.json)."""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..model import Finding, ScanResult
from . import ReportOptions, status_counts, unicode_safe_tree


def _finding(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "check_id": f.check_id, "severity": f.severity.value, "title": f.title,
        "message": f.message, "file": f.span.file, "line": f.span.line,
        "end_line": f.span.end_line or f.span.line, "column": f.span.column,
        "resource": f.resource, "kind": f.kind,
        "root": f.root,  # the root module evaluated (SPEC §9); null outside Terraform
    }
    if f.local is not None:
        out["local"] = f.local.to_json()
    if f.remote is not None:
        out["remote"] = f.remote.to_json()
    out["suppressed"] = f.suppressed
    out["status"] = f.status  # open | approved | suppressed | baselined (SPEC §9)
    if f.suppression_reason:
        out["suppression_reason"] = f.suppression_reason
    if f.approval is not None:  # the approved exit: id, carrier, managed_by, approval, expires
        out["approved_exit"] = f.approval.to_json()
    out["fix"] = f.fix
    out["fingerprint"] = f.fingerprint
    out["related"] = [o.to_json() for o in f.related]  # where the values behind its ends came from
    return out


def report_dict(result: ScanResult, baselined: int = 0) -> dict[str, Any]:
    active = [f for f in result.findings if not f.suppressed]
    by_sev = {"error": 0, "warning": 0, "info": 0}
    for f in active:
        by_sev[f.severity.value] += 1
    status = status_counts(result)
    summary: dict[str, Any] = {
        "files": result.files, "resources": result.resources, "findings": len(active),
        "errors": len(result.errors), "by_severity": by_sev,
        "suppressed": status["suppressed"], "approved": status["approved"]}
    baselined = max(baselined, status["baselined"])
    if baselined:
        summary["baselined"] = baselined  # hidden by --baseline: not in `findings`
    if result.excluded:
        summary["excluded"] = len(result.excluded)  # left out by exclude / --exclude
    # a non-UTF-8 file name (or a lone surrogate escape in the input) becomes `\xff`: the
    # report stays valid UTF-8 JSON and the same name always gives the same text
    return unicode_safe_tree({
        "version": 1,
        "tool": {"name": "exitlint", "version": __version__},
        "summary": summary,
        "findings": [_finding(f) for f in result.findings],
        "errors": [{"file": e.file, "line": e.line, "column": e.column, "message": e.message}
                   for e in result.errors],
        **({"excluded": [{"file": f, "pattern": p, "source": src}
                         for f, p, src in result.excluded]} if result.excluded else {}),
    })


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    json.dump(report_dict(result, options.baselined), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
