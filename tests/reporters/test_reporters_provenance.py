"""Every reporter writes a finding's root module and the chain of locations behind its ends
(`Finding.root`, `Finding.related`), and reads the checks from the ScanResult, never from the
catalogue. Findings are built by hand here: what is tested is the rendering, not the scan."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from exitlint.engine.catalog import load_checks
from exitlint.model import End, EndClass, Finding, Origin, ScanResult, Severity, Span
from exitlint.reporters import FORMATS, REPORTERS, ReportOptions, get_reporter

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[2]
REPORT_SCHEMA = REPO / "schemas" / "report.schema.json"
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"

VIA = (Origin("envs/prod/terraform.tfvars", 3, "terraform.tfvars peer_ip"),
       Origin("modules/vpn/variables.tf", 7, 'variable "peer_ip" default'))


def _finding(root: str | None, related: tuple[Origin, ...] = VIA, fingerprint: str = "",
             **changes: Any) -> Finding:
    values: dict[str, Any] = {
        "check_id": "XB101", "severity": Severity.ERROR, "title": "Site-to-site VPN",
        "message": "VPN to a peer registered to US", "span": Span("modules/vpn/main.tf", 5, 1, 9),
        "resource": "module.vpn.aws_customer_gateway.office", "kind": "terraform",
        "local": End(EndClass.MAINLAND, "cn-north-1", "region"),
        "remote": End(EndClass.NON_MAINLAND, "18.184.10.10", "registered to US"),
        "fix": "Route it through an approved exit.",
        "fingerprint": fingerprint or f"fp-{root}", "root": root, "related": related}
    values.update(changes)
    return Finding(**values)


def _result(*findings: Finding) -> ScanResult:
    return ScanResult(files=3, resources=2, findings=list(findings),
                      checks=tuple(load_checks().checks.values()))


def _render(fmt: str, result: ScanResult, options: ReportOptions | None = None) -> str:
    out = io.StringIO()
    get_reporter(fmt)(result, out, options or ReportOptions())
    return out.getvalue()


TWO_ROOTS = (_finding("envs/prod"), _finding("envs/staging", related=()))


def test_json_carries_root_and_related_and_validates() -> None:
    report = json.loads(_render("json", _result(*TWO_ROOTS)))
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    prod, staging = report["findings"]
    assert prod["root"] == "envs/prod" and staging["root"] == "envs/staging"
    assert prod["related"] == [
        {"file": "envs/prod/terraform.tfvars", "line": 3, "message": "terraform.tfvars peer_ip"},
        {"file": "modules/vpn/variables.tf", "line": 7, "message": 'variable "peer_ip" default'}]
    assert staging["related"] == []


def test_json_root_is_null_outside_terraform() -> None:
    k8s = _finding(None, related=(Origin("cm.yaml", 4, "ConfigMap/tunnel key wg0.conf"),),
                   kind="kubernetes", resource="Deployment/wg", span=Span("deploy.yaml", 1))
    [f] = json.loads(_render("json", _result(k8s)))["findings"]
    assert f["root"] is None and f["related"][0]["file"] == "cm.yaml"


def test_schema_refuses_a_malformed_related_entry() -> None:
    report = json.loads(_render("json", _result(TWO_ROOTS[0])))
    report["findings"][0]["related"][0].pop("line")
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(report)


def test_sarif_related_locations_and_unique_fingerprints() -> None:
    dup = _finding("envs/prod", fingerprint="same")
    log = json.loads(_render("sarif", _result(dup, dup, TWO_ROOTS[1])))
    jsonschema.Draft202012Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    results = log["runs"][0]["results"]
    related = results[0]["relatedLocations"]
    assert [r["message"]["text"] for r in related] == ["terraform.tfvars peer_ip",
                                                       'variable "peer_ip" default']
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == [
        "envs/prod/terraform.tfvars", "modules/vpn/variables.tf"]
    assert related[0]["physicalLocation"]["region"] == {"startLine": 3}
    assert len({r["id"] for r in related}) == 2
    assert "relatedLocations" not in results[2]  # no chain: no empty list
    prints = [r["partialFingerprints"]["exitlintFingerprint/v1"] for r in results]
    assert len(set(prints)) == 3 and prints[0] == "same"
    assert results[0]["properties"]["root"] == "envs/prod"


def test_sarif_rules_come_from_the_result_not_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    import exitlint.engine.catalog as catalog

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reporter loaded the check catalogue")

    checks = tuple(load_checks().checks.values())[:2]
    monkeypatch.setattr(catalog, "load_checks", refuse)
    result = ScanResult(findings=[_finding("envs/prod")], checks=checks)
    log = json.loads(_render("sarif", result, ReportOptions(check_page=lambda c: f"# {c.id}")))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.id for c in checks]
    assert rules[0]["help"]["markdown"] == f"# {checks[0].id}"
    plain = json.loads(_render("sarif", result))["runs"][0]["tool"]["driver"]["rules"]
    assert "markdown" not in plain[0]["help"]  # no page renderer given: text help only
    junit = ET.fromstring(_render("junit", result).split("\n", 1)[1])
    passing = {c.get("classname") for c in junit.iter("testcase") if len(c) == 0}
    assert passing == {c.id for c in checks} - {"XB101"}


def test_text_prints_one_escaped_via_line_per_origin() -> None:
    hostile = Origin("evil\x1b[2J.tfvars", 2, "peer\nFAKE:1:1: XB101 error")
    text = _render("text", _result(_finding("envs/prod", related=(*VIA, hostile))),
                   ReportOptions(quiet=True))
    lines = text.splitlines()
    at = lines.index("  VPN to a peer registered to US")
    assert lines[at + 1:at + 4] == [
        "  via envs/prod/terraform.tfvars:3: terraform.tfvars peer_ip",
        '  via modules/vpn/variables.tf:7: variable "peer_ip" default',
        "  via evil\\x1b[2J.tfvars:2: peer\\x0aFAKE:1:1: XB101 error"]
    assert "\x1b" not in text


def test_text_caps_a_long_chain_and_says_how_many_more() -> None:
    chain = tuple(Origin(f"locals{i}.tf", i + 1, f"local.step{i}") for i in range(32))
    text = _render("text", _result(_finding("envs/prod", related=chain)), ReportOptions(quiet=True))
    via = [ln for ln in text.splitlines() if ln.startswith("  via ")]
    assert via[:2] == ["  via locals0.tf:1: local.step0", "  via locals1.tf:2: local.step1"]
    assert len(via) < len(chain) and via[-1].startswith(f"  via ... {len(chain) - len(via) + 1} more")
    report = json.loads(_render("json", _result(_finding("envs/prod", related=chain))))
    assert len(report["findings"][0]["related"]) == len(chain)  # nothing cut from JSON


def test_junit_two_roots_are_two_cases() -> None:
    root = ET.fromstring(_render("junit", _result(*TWO_ROOTS)).split("\n", 1)[1])
    failing = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [(c.get("classname"), c.get("name"), c.get("file")) for c in failing] == [
        ("XB101", "module.vpn.aws_customer_gateway.office [envs/prod]", "modules/vpn/main.tf"),
        ("XB101", "module.vpn.aws_customer_gateway.office [envs/staging]", "modules/vpn/main.tf")]
    failure = failing[0].find("failure")
    assert failure is not None and "via envs/prod/terraform.tfvars:3" in (failure.text or "")


def test_junit_same_address_in_two_files_are_two_cases() -> None:
    a = _finding(None, kind="kubernetes", resource="Deployment/wg", span=Span("a.yaml", 1))
    b = _finding(None, kind="kubernetes", resource="Deployment/wg", span=Span("b.yaml", 1))
    root = ET.fromstring(_render("junit", _result(a, b)).split("\n", 1)[1])
    failing = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [(c.get("name"), c.get("file")) for c in failing] == [("Deployment/wg", "a.yaml"),
                                                                 ("Deployment/wg", "b.yaml")]


def test_github_annotation_names_the_root_and_the_chain() -> None:
    out = _render("github", _result(*TWO_ROOTS)).splitlines()
    assert "%0ARoot module: envs/prod%0AVia: envs/prod/terraform.tfvars:3: terraform.tfvars " \
           "peer_ip%0A" in out[0]
    assert "Root module: envs/staging" in out[1] and "Via:" not in out[1]
    k8s = _finding(None, related=(), kind="kubernetes", resource="Deployment/wg")
    top = _finding(".", related=())  # the scanned directory itself: not worth a line
    assert "Root module" not in _render("github", _result(k8s, top))


def test_every_format_is_in_the_table_and_renders() -> None:
    from exitlint.cli import scan_cmd

    assert FORMATS == tuple(REPORTERS) == ("text", "json", "sarif", "junit", "github", "gitlab",
                                           "html", "markdown", "register-csv", "register-md")
    [fmt_option] = [p for p in scan_cmd.params if p.name == "fmt"]
    assert tuple(fmt_option.type.choices) == FORMATS  # type: ignore[attr-defined]
    for fmt in FORMATS:
        assert _render(fmt, _result(*TWO_ROOTS))
    with pytest.raises(KeyError):
        get_reporter("xml")
