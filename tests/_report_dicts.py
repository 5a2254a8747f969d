"""JSON-report-shaped dicts (schemas/report.schema.json) for the reporter tests: the HTML,
Markdown and register reporters read only this shape, so approvals (SPEC §9: `status`,
`carrier`, `approval`, `expires`, ...) can be tested whatever the engine produces today."""

from __future__ import annotations

from typing import Any

US = {"class": "non-mainland", "value": "18.184.10.10", "reason": "ip_address 18.184.10.10 is registered to US"}
HK = {"class": "non-mainland", "value": "ap-east-1", "reason": "peer_region ap-east-1 is Hong Kong, outside mainland China"}
BJ = {"class": "mainland", "value": "cn-north-1", "reason": "region cn-north-1 (China (Beijing)) is in mainland China"}
SH = {"class": "mainland", "value": "cn-shanghai", "reason": "region cn-shanghai is in mainland China"}
UNKNOWN = {"class": "unknown", "value": "var.peer", "reason": "variable peer has no value"}
ANY = {"class": "anywhere", "value": "0.0.0.0/0", "reason": "any address"}
PRIVATE = {"class": "internal", "value": "10.0.0.1", "reason": "10.0.0.1 is a private address"}


def finding(check: str = "XB101", resource: str = "aws_customer_gateway.office", *,
            local: dict[str, str] | None = BJ, remote: dict[str, str] | None = US,
            severity: str = "error", file: str = "main.tf", line: int = 9, **extra: Any
            ) -> dict[str, Any]:
    out: dict[str, Any] = {
        "check_id": check, "severity": severity, "title": f"{check} title",
        "message": f"{resource} opens a link", "file": file, "line": line, "end_line": line + 3,
        "column": 1, "resource": resource, "kind": "terraform", "root": ".",
        "suppressed": False, "fix": "Remove the link or declare an approved exit.",
        "fingerprint": f"fp-{check}-{resource}-{line}",
        "related": [{"file": "terraform.tfvars", "line": 2, "message": "terraform.tfvars peer"}],
    }
    if local is not None:
        out["local"] = dict(local)
    if remote is not None:
        out["remote"] = dict(remote)
    out.update(extra)
    return out


def approved(resource: str = "aws_vpn_connection.fra", expires: str = "2027-06-30",
             **extra: Any) -> dict[str, Any]:
    return finding("XB101", resource, severity="error", suppressed=True, status="approved",
                   id="cu-iplc-sha-fra", carrier="china-unicom", approval="CU-IPLC-2026-0042",
                   expires=expires, managed_by="Acme Net Ops", **extra)


def report(*findings: dict[str, Any], errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    active = [f for f in findings if not f["suppressed"]]
    by_sev = {s: sum(1 for f in active if f["severity"] == s) for s in ("error", "warning", "info")}
    return {"version": 1, "tool": {"name": "exitlint", "version": "0"},
            "summary": {"files": 1, "resources": len(findings), "findings": len(active),
                        "errors": len(errors or []), "by_severity": by_sev,
                        "suppressed": len(findings) - len(active)},
            "findings": list(findings), "errors": errors or []}
