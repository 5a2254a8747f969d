"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

What GitHub needs and peers get wrong (see the research notes): one run; one rule per check with a
short and a full description, help text and markdown and a `helpUri`; every result with a
repository-relative artifact URI carrying `uriBaseId: %SRCROOT%`, a region, and
`partialFingerprints` so alerts survive line moves; suppressed findings kept, with `suppressions`.
No timestamps or absolute paths: the same input gives the same bytes.
"""

from __future__ import annotations

import json
from typing import IO, Any
from urllib.parse import quote

from .. import __version__
from ..engine.catalog import Check, load_checks
from ..model import Finding, ScanError, ScanResult, Severity
from . import unicode_safe, unicode_safe_tree

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
INFORMATION_URI = "https://github.com/exitlint/exitlint"
FINGERPRINT_KEY = "exitlintFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub ranks alerts from `security-severity` (0.0-10.0) when the rule is tagged `security`.
_SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.0", Severity.INFO: "2.0"}


def _uri(file: str) -> str:
    path = file.replace("\\", "/")
    try:  # a non-UTF-8 byte of a file name is percent-encoded as itself (`%FF`)
        return quote(path, safe="/-._~", errors="surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system produces
        return quote(unicode_safe(path), safe="/-._~")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _rule(check: Check) -> dict[str, Any]:
    from ..docs import render_check_page

    full = _one_line(check.summary) or check.title
    help_text = "\n\n".join(p for p in (_one_line(check.summary), "Why: " + _one_line(check.rationale),
                                         "How to fix: " + _one_line(check.fix),
                                         f"Documentation: {check.help_uri}") if p.strip())
    return {
        "id": check.id,
        "name": _camel(check.name),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": full[:1000]},
        "help": {"text": help_text, "markdown": render_check_page(check)},
        "helpUri": check.help_uri,
        "defaultConfiguration": {"level": _LEVEL[check.severity]},
        "properties": {
            "tags": ["security", "cross-border", check.category],
            "precision": "high",
            "problem.severity": {"error": "error", "warning": "warning",
                                 "info": "recommendation"}[check.severity.value],
            "security-severity": _SECURITY_SEVERITY[check.severity],
        },
    }


def _camel(name: str) -> str:
    # SARIF recommends a PascalCase rule name (rule SARIF2012); check names are kebab-case.
    return "".join(part[:1].upper() + part[1:] for part in name.replace("_", "-").split("-"))


def _location(file: str, line: int, column: int, end_line: int | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, line)}
    if column and column > 0:
        region["startColumn"] = column
    if end_line and end_line > line:
        region["endLine"] = end_line
    return {"physicalLocation": {
        "artifactLocation": {"uri": _uri(file), "uriBaseId": SRCROOT},
        "region": region,
    }}


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.check_id}
    if f.check_id in index:
        out["ruleIndex"] = index[f.check_id]
    out["level"] = _LEVEL[f.severity]
    text = f.message if f.message.endswith(".") else f.message + "."
    out["message"] = {"text": f"{text} Resource: {f.resource}."}
    out["locations"] = [_location(f.span.file, f.span.line, f.span.column, f.span.end_line)]
    out["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint or f"{f.check_id}:{f.resource}"}
    if f.suppressed:
        out["suppressions"] = [{"kind": "inSource",
                                "justification": f.suppression_reason or "suppressed"}]
    props: dict[str, Any] = {"resource": f.resource, "kind": f.kind}
    if f.local is not None:
        props["local"] = f.local.to_json()
    if f.remote is not None:
        props["remote"] = f.remote.to_json()
    out["properties"] = props
    return out


def _notification(e: ScanError) -> dict[str, Any]:
    return {"level": "error", "message": {"text": e.message},
            "locations": [_location(e.file, e.line, e.column, None)],
            "descriptor": {"id": "parse-error"}}


def sarif_dict(result: ScanResult) -> dict[str, Any]:
    checks = list(load_checks().checks.values())
    index = {c.id: i for i, c in enumerate(checks)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "exitlint", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI, "rules": [_rule(c) for c in checks],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for f in result.findings],
        "invocations": [{
            "executionSuccessful": not result.errors,
            "toolExecutionNotifications": [_notification(e) for e in result.errors],
        }],
    }
    return unicode_safe_tree({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})


def render(result: ScanResult, stream: IO[str], options: dict[str, Any]) -> None:
    json.dump(sarif_dict(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
