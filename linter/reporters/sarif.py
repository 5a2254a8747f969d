"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

What GitHub needs and peers get wrong: one run; one rule per check with a
short and a full description, help text and markdown and a `helpUri`; every result with a
repository-relative artifact URI carrying `uriBaseId: %SRCROOT%`, a region, and
`partialFingerprints` so alerts survive line moves; suppressed findings kept, with `suppressions`.
No timestamps or absolute paths: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Origin, ScanError, ScanResult, Severity
from . import ReportOptions, one_line, unicode_safe, unicode_safe_tree

if TYPE_CHECKING:
    from ..engine.catalog import Check

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


def _rule(check: Check, page: Callable[[Check], str] | None) -> dict[str, Any]:
    full = one_line(check.summary) or check.title
    help_text = "\n\n".join(p for p in (one_line(check.summary), "Why: " + one_line(check.rationale),
                                         "How to fix: " + one_line(check.fix),
                                         f"Documentation: {check.help_uri}") if p.strip())
    help_: dict[str, str] = {"text": help_text}
    if page is not None:
        help_["markdown"] = page(check)
    return {
        "id": check.id,
        "name": _camel(check.name),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": full[:1000]},
        "help": help_,
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


def from_repo_root(file: str, prefix: str) -> str:
    """A report path (relative to the scan root) relative to the repository root, given the
    scan root's path in the repository (`ScanResult.source_prefix`)."""
    if not prefix:
        return file
    return posixpath.normpath(posixpath.join(prefix, file.replace("\\", "/")))


def _location(file: str, line: int, column: int, end_line: int | None,
              prefix: str = "") -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, line)}
    if column and column > 0:
        region["startColumn"] = column
    if end_line and end_line > line:
        region["endLine"] = end_line
    return {"physicalLocation": {
        "artifactLocation": {"uri": _uri(from_repo_root(file, prefix)), "uriBaseId": SRCROOT},
        "region": region,
    }}


def _related(origins: tuple[Origin, ...], prefix: str) -> list[dict[str, Any]]:
    """The chain behind a result's ends, each step a location with the step as its message."""
    out = []
    for i, o in enumerate(origins):
        loc = _location(o.file, o.line, 0, None, prefix)
        out.append({"id": i, **loc, "message": {"text": o.what}})
    return out


def _suppressions(f: Finding) -> list[dict[str, Any]]:
    """GitHub code scanning shows a result with `suppressions` as a closed alert ("dismissed"),
    never as an open one; an approved link is suppressed `external` (the policy file), with
    the approval as its justification, an inline comment `inSource`."""
    if f.approval is not None:
        a = f.approval
        text = (f"approved exit {a.exit_id}: {a.carrier} approval {a.approval}"
                + (f", expires {a.expires}" if a.expires else "")
                + (f", managed by {a.managed_by}" if a.managed_by else ""))
        return [{"kind": "external", "status": "accepted", "justification": text}]
    if f.baselined:
        return [{"kind": "external", "status": "accepted",
                 "justification": "recorded in the baseline file (--baseline)"}]
    return [{"kind": "inSource", "status": "accepted",
             "justification": f.suppression_reason or "suppressed"}]


def _result(f: Finding, index: dict[str, int], fingerprint: str,
            prefix: str = "", rule_fix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.check_id}
    if f.check_id in index:
        out["ruleIndex"] = index[f.check_id]
    out["level"] = _LEVEL[f.severity]
    text = f.message if f.message.endswith(".") else f.message + "."
    # a fix other than the rule's (per resource type, provider or software) is said with the
    # result: viewers show the rule's help, which has only the check's own fix
    own_fix = one_line(f.fix) if f.fix and one_line(f.fix) != one_line(rule_fix) else ""
    how = f" How to fix: {own_fix}" if own_fix else ""
    out["message"] = {"text": f"{text} Resource: {f.resource}.{how}"}
    out["locations"] = [_location(f.span.file, f.span.line, f.span.column, f.span.end_line,
                                  prefix)]
    if f.related:
        out["relatedLocations"] = _related(f.related, prefix)
    out["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if f.suppressed:
        out["suppressions"] = _suppressions(f)
    props: dict[str, Any] = {"resource": f.resource, "kind": f.kind, "status": f.status}
    if f.approval is not None:
        props["approved_exit"] = f.approval.to_json()
    if f.root is not None:
        props["root"] = f.root
    if f.local is not None:
        props["local"] = f.local.to_json()
    if f.remote is not None:
        props["remote"] = f.remote.to_json()
    if own_fix:
        props["fix"] = own_fix
    out["properties"] = props
    return out


def _notification(e: ScanError, prefix: str) -> dict[str, Any]:
    return {"level": "error", "message": {"text": e.message},
            "locations": [_location(e.file, e.line, e.column, None, prefix)],
            "descriptor": {"id": "parse-error"}}


def _fingerprints(findings: list[Finding]) -> list[str]:
    """One partial fingerprint per result, unique in the run: GitHub merges results that share
    one into a single alert. A repeated fingerprint (which the app should never produce) gets
    its occurrence number, so the report stays deterministic and nothing is merged away."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = f.fingerprint or f"{f.check_id}:{f.span.file}:{f.resource}:{f.root or ''}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return out


def sarif_dict(result: ScanResult, page: Callable[[Check], str] | None = None) -> dict[str, Any]:
    """The SARIF log; `page` renders a rule's Markdown help (docs.render_check_page)."""
    checks: list[Check] = list(result.checks)
    index = {c.id: i for i, c in enumerate(checks)}
    fingerprints = _fingerprints(result.findings)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "exitlint", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI, "rules": [_rule(c, page) for c in checks],
        }},
        # URIs are relative to the repository root whatever directory was scanned; a viewer
        # (GitHub's upload: the checkout) supplies where that root is
        "originalUriBaseIds": {SRCROOT: {"description": {
            "text": "The root of the repository (git work tree) that was scanned."}}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, fp, result.source_prefix,
                            checks[index[f.check_id]].fix if f.check_id in index else "")
                    for f, fp in zip(result.findings, fingerprints, strict=True)],
        "invocations": [{
            "executionSuccessful": not result.errors,
            "toolExecutionNotifications": [_notification(e, result.source_prefix)
                                           for e in result.errors],
        }],
    }
    return unicode_safe_tree({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    json.dump(sarif_dict(result, options.check_page), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
