"""Terraform plan JSON (`terraform show -json`): same checks, full addresses, lines in the .tf."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from _cases import run, run_json
from exitlint.terraform.plan import looks_like_plan, strip_keys

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO / "tests" / "data" / "plans"
EXAMPLE = REPO / "examples" / "aws" / "XB101-vpn-peer" / "noncompliant" / "main.tf"


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["check_id"], f["severity"], f["file"], f["line"], f["resource"], f["local"],
            f["remote"], f["suppressed"], f["fingerprint"])


def test_plan_of_example_matches_hcl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "main.tf")
    shutil.copy(PLANS / "xb101-vpn-peer.plan.json", tmp_path / "plan.json")
    code_hcl, hcl, _ = run_json(capsys, "main.tf")
    code_plan, plan, _ = run_json(capsys, "plan.json")
    assert code_hcl == code_plan == 1
    assert plan["errors"] == [] and plan["summary"]["resources"] == 4
    assert [_key(f) for f in plan["findings"]] == [_key(f) for f in hcl["findings"]]
    assert len(plan["findings"]) == 2


def test_plan_on_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLE, tmp_path / "main.tf")
    text = (PLANS / "xb101-vpn-peer.plan.json").read_text(encoding="utf-8")
    for args in (("--plan", "-"), ("-",)):
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
        code, report, _ = run_json(capsys, *args)
        assert code == 1
        assert [(f["file"], f["line"], f["resource"]) for f in report["findings"]] == [
            ("main.tf", 20, "aws_customer_gateway.frankfurt"),
            ("main.tf", 29, "aws_vpn_connection.frankfurt")]


def test_instance_keys_modules_and_aliased_provider(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(PLANS / "keyed", tmp_path / "keyed")
    code, report, _ = run_json(capsys, "keyed/plan.json")
    assert code == 1 and report["errors"] == []
    got = [(f["resource"], f["file"], f["line"], f["local"]["value"], f["remote"]["value"])
           for f in report["findings"]]
    assert got == [
        ('aws_customer_gateway.hq["a"]', "keyed/main.tf", 28, "cn-north-1", "18.184.10.10"),
        ('aws_vpn_connection.hq["a"]', "keyed/main.tf", 35, "cn-north-1", "18.184.10.10"),
        ("module.edge.aws_customer_gateway.shanghai", "keyed/modules/edge/main.tf", 2,
         "ap-east-1", "114.114.114.114")]
    vpn = report["findings"][1]
    assert "via aws_customer_gateway.hq[\"a\"]" in vpn["remote"]["reason"]
    # the static scan of the same configuration agrees, without instance keys
    _, static, _ = run_json(capsys, "keyed/main.tf", "keyed/modules/edge/main.tf")
    assert [strip_keys(r) for r, *_ in got] == [f["resource"] for f in static["findings"]]


def test_plan_without_configuration_points_at_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PLANS / "xb101-vpn-peer.plan.json", tmp_path / "plan.json")
    code, report, _ = run_json(capsys, "plan.json")
    assert code == 1
    assert {(f["file"], f["line"]) for f in report["findings"]} == {("plan.json", 1)}


def test_unknown_after_apply_and_unresolved_provider(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads((PLANS / "keyed" / "plan.json").read_text(encoding="utf-8"))
    doc["variables"] = {}  # var.hk_region no longer known: the edge gateway's region is unknown
    for rc in doc["resource_changes"]:
        if rc["address"] == 'aws_customer_gateway.hq["a"]':
            rc["change"]["after_unknown"]["ip_address"] = True
    for r in doc["planned_values"]["root_module"]["resources"]:
        if r["address"] == 'aws_customer_gateway.hq["a"]':
            del r["values"]["ip_address"]
    (tmp_path / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    code, report, _ = run_json(capsys, "plan.json", "--fail-on", "warning")
    assert code == 1
    by_resource = {f["resource"]: f for f in report["findings"]}
    assert by_resource['aws_customer_gateway.hq["a"]']["severity"] == "warning"
    assert "known only after apply" in by_resource['aws_customer_gateway.hq["a"]']["message"]
    edge = by_resource["module.edge.aws_customer_gateway.shanghai"]
    assert edge["severity"] == "warning" and edge["local"]["class"] == "unknown"
    assert "var.hk_region" in edge["message"]


def test_suppression_comment_in_tf_applies(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'resource "aws_customer_gateway" "frankfurt" {',
        '# exitlint:ignore XB101 reason="leased via CU contract 42"\n'
        'resource "aws_customer_gateway" "frankfurt" {')
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    shutil.copy(PLANS / "xb101-vpn-peer.plan.json", tmp_path / "plan.json")
    _, hcl, _ = run_json(capsys, "main.tf")
    _, plan, _ = run_json(capsys, "plan.json")
    assert [(f["resource"], f["suppressed"]) for f in plan["findings"]] == \
        [(f["resource"], f["suppressed"]) for f in hcl["findings"]] == [
        ("aws_customer_gateway.frankfurt", True), ("aws_vpn_connection.frankfurt", False)]


def test_broken_plan_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "plan.json").write_text('{"format_version": "1.2", "planned_values": {,}}',
                                        encoding="utf-8")
    code, report, _ = run_json(capsys, "plan.json")
    assert code == 2
    [err] = report["errors"]
    assert err["file"] == "plan.json" and err["line"] == 1 and "invalid JSON" in err["message"]
    (tmp_path / "plan.json").write_text('{"format_version": "9.0", "planned_values": {}}',
                                        encoding="utf-8")
    code, report, _ = run_json(capsys, "--plan", "plan.json")
    assert code == 2 and "format_version" in report["errors"][0]["message"]


def test_other_json_is_not_a_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}', encoding="utf-8")
    code, out, _ = run(capsys, "package.json")
    assert code == 0 and "0 errors" in out
    assert not looks_like_plan('{"name": "x"}')


def test_strip_keys() -> None:
    assert strip_keys('module.a["x"].aws_vpc.b[0]') == "module.a.aws_vpc.b"
    assert strip_keys('aws_vpc.b["we]ird\\"key"]') == "aws_vpc.b"
