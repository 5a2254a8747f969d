"""SARIF 2.1.0 output: valid against the official schema, what GitHub code scanning needs."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from _cases import cgw, project, run, vpn, write
from exitlint.engine.catalog import load_checks

jsonschema = pytest.importorskip("jsonschema")

DATA = Path(__file__).resolve().parents[1] / "data"
SCHEMA = DATA / "sarif-schema-2.1.0.json"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def sarif(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any], str]:
    code, out, _ = run(capsys, *argv, "--format", "sarif")
    return code, json.loads(out), out


def validate(log: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(log)


def test_validates_against_sarif_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    write(tmp_path, "sup/main.tf", cgw('# exitlint:ignore XB101 reason="leased via CU contract 42"'))
    write(tmp_path, "bad/bad.tf", 'resource "a" "b" {\n  x = = 1\n}\n')
    code, log, _ = sarif(capsys, ".")
    assert code == 2
    validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    [inv] = log["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    [note] = inv["toolExecutionNotifications"]
    loc = note["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "bad/bad.tf" and loc["region"]["startLine"] == 2


def test_one_rule_per_check_with_help(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    _, log, _ = sarif(capsys, ".")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    checks = load_checks().checks
    assert [r["id"] for r in rules] == list(checks)
    for rule in rules:
        check = checks[rule["id"]]
        assert rule["shortDescription"]["text"] == check.title
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"# {check.id}")
        assert rule["helpUri"] == check.help_uri
        assert rule["helpUri"].endswith(f"/docs/checks/{check.id}.md")
        assert (REPO / "docs" / "checks" / f"{check.id}.md").is_file()
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert "security" in rule["properties"]["tags"]
        assert 0 <= float(rule["properties"]["security-severity"]) <= 10


def test_results_locations_and_fingerprints(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    write(tmp_path, "dir with space/main.tf", cgw())
    _, log, _ = sarif(capsys, ".")
    _, report, _ = run(capsys, ".", "--format", "json")
    fingerprints = {(f["file"], f["resource"]): f["fingerprint"]
                    for f in json.loads(report)["findings"]}
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(results) == 3
    for r in results:
        assert r["ruleId"] == "XB101" and rules[r["ruleIndex"]]["id"] == "XB101"
        assert r["level"] == "error" and r["message"]["text"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and " " not in uri
        assert loc["region"]["startLine"] >= 1
        [fp] = r["partialFingerprints"].values()
        file = uri.replace("%20", " ")
        assert fp == fingerprints[(file, r["properties"]["resource"])]
    assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               == "dir%20with%20space/main.tf" for r in results)


def test_suppressed_findings_carry_suppressions(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101 reason="leased via CU contract 42"'))
    code, log, _ = sarif(capsys, ".")
    assert code == 0
    [result] = log["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                       "justification": "leased via CU contract 42"}]
    validate(log)


def test_deterministic_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    first = sarif(capsys, ".")[2]
    assert first == sarif(capsys, ".")[2]


def _multitool() -> list[str] | None:
    explicit = os.environ.get("SARIF_MULTITOOL")
    if explicit:
        return [explicit]
    found = shutil.which("sarif-multitool") or shutil.which("Sarif.Multitool")
    if found:
        return [found]
    home = Path.home() / ".npm" / "_npx"
    cached = sorted(glob.glob(str(home / "*" / "node_modules" / "@microsoft" /
                                  "sarif-multitool-linux" / "Sarif.Multitool")))
    return [cached[0]] if cached else None


def test_sarif_multitool_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The official validator (npm @microsoft/sarif-multitool), GitHub rules included, when it
    is installed or in the npx cache (`npx -y @microsoft/sarif-multitool --help` fetches it)."""
    tool = _multitool()
    if tool is None:
        pytest.skip("@microsoft/sarif-multitool is not installed or cached")
    project(tmp_path, vpn())
    write(tmp_path, "sup/main.tf", cgw('# exitlint:ignore XB101 reason="leased"'))
    _, _, text = sarif(capsys, ".")
    (tmp_path / "out.sarif").write_text(text, encoding="utf-8")
    proc = subprocess.run([*tool, "validate", "out.sarif", "-o", "validation.sarif",
                           "--rule-kind", "Gh;Sarif", "--level", "Error;Warning"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((tmp_path / "validation.sarif").read_text(encoding="utf-8-sig"))
    problems = [r for run_ in report["runs"] for r in run_.get("results", [])
                if r.get("level", "warning") in ("error", "warning")]
    assert problems == [], json.dumps(problems, indent=1)[:3000]


def test_approved_link_is_an_external_suppression(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), "version: 1\napproved_exits:\n  - id: cu\n    carrier: china-unicom\n"
            "    managed_by: BT China\n    approval: CU-IPLC-42\n    expires: 2027-06-30\n"
            "    match:\n      peer_cidrs: [18.184.0.0/16]\n")
    code, log, _ = sarif(capsys, ".", "--today", "2027-01-01")
    assert code == 0
    [result] = log["runs"][0]["results"]
    assert result["level"] == "error"  # keeps its severity
    [suppression] = result["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "CU-IPLC-42" in suppression["justification"]
    assert "managed by BT China" in suppression["justification"]
    assert result["properties"]["status"] == "approved"
    assert result["properties"]["approved_exit"]["id"] == "cu"
    validate(log)


@pytest.mark.parametrize("cwd", ["envs/prod", "envs", "."])
def test_uris_from_the_repository_root_whatever_the_cwd(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        cwd: str) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "envs/prod/main.tf", cgw())
    write(tmp_path, "envs/prod/terraform.tfvars", "")
    monkeypatch.chdir(tmp_path / cwd)
    target = str(Path("envs/prod").relative_to(cwd)) if cwd != "envs/prod" else "."
    _, log, _ = sarif(capsys, target)
    run_ = log["runs"][0]
    [result] = run_["results"]
    loc = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "envs/prod/main.tf", "uriBaseId": "%SRCROOT%"}
    assert "%SRCROOT%" in run_["originalUriBaseIds"]
    validate(log)


def test_uris_when_scanning_from_outside_the_repository(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, "envs/prod/main.tf", cgw())
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    _, log, _ = sarif(capsys, str(repo / "envs" / "prod"))
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "envs/prod/main.tf"
