"""Baseline files (SPEC §5): keyed on check ID, file and resource, not the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cases import cgw, project, run, run_json, vpn, write

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_write_then_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, _, err = run(capsys, ".", "--write-baseline", "baseline.json")
    assert code == 0 and "2 baseline entries" in err
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["check_id"], e["file"], e["resource"]) for e in data["findings"]] == [
        ("XB101", "main.tf", "aws_customer_gateway.office"),
        ("XB101", "main.tf", "aws_vpn_connection.office")]
    assert all("line" not in e for e in data["findings"])

    code, report, _ = run_json(capsys, ".", "--baseline", "baseline.json")
    assert code == 0 and report["findings"] == []
    assert report["summary"]["baselined"] == 2 and report["summary"]["findings"] == 0
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(report)
    code, out, _ = run(capsys, ".", "--baseline", "baseline.json")
    assert code == 0 and "2 baselined" in out.splitlines()[-1]


def test_moved_block_stays_hidden_new_finding_shows(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    assert run(capsys, ".", "--write-baseline", "b.json")[0] == 0
    project(tmp_path, "\n\n\n# moved\n" + vpn())
    code, report, _ = run_json(capsys, ".", "--baseline", "b.json")
    assert code == 0 and report["findings"] == []
    write(tmp_path, "new/main.tf", cgw())
    code, report, _ = run_json(capsys, ".", "--baseline", "b.json")
    assert code == 1
    assert [(f["file"], f["resource"]) for f in report["findings"]] == [
        ("new/main.tf", "aws_customer_gateway.office")]


def test_baseline_and_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    run(capsys, ".", "--write-baseline", "b.json")
    code, out, _ = run(capsys, ".", "--baseline", "b.json", "--format", "sarif")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


def test_bad_baseline_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, _, err = run(capsys, ".", "--baseline", "missing.json")
    assert code == 2 and "missing.json" in err
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert run(capsys, ".", "--baseline", "bad.json")[0] == 2
    (tmp_path / "other.json").write_text('{"version": 2}', encoding="utf-8")
    code, _, err = run(capsys, ".", "--baseline", "other.json")
    assert code == 2 and "not an exitlint baseline" in err


# ---- a baseline never hides an escalation (issue 14) ---------------------------------------

def _entries(tmp_path: Path, name: str = "b.json") -> list[dict[str, object]]:
    return json.loads((tmp_path / name).read_text(encoding="utf-8"))["findings"]


def test_entries_record_severity_far_end_and_status(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    assert run(capsys, ".", "--write-baseline", "b.json")[0] == 0
    [entry] = _entries(tmp_path)
    assert entry == {"check_id": "XB101", "file": "main.tf", "root": ".",
                     "resource": "aws_customer_gateway.office", "severity": "error",
                     "status": "open",
                     "remote": {"class": "non-mainland", "value": "18.184.10.10"}}


def test_severity_rise_comes_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer="vpn.example.com"))  # unknown far end: a warning
    run(capsys, ".", "--write-baseline", "b.json")
    assert run_json(capsys, ".", "--baseline", "b.json")[1]["findings"] == []
    # the same link, now a confirmed error: same key, higher severity -> new
    write(tmp_path, ".exitlint.yaml", "version: 1\nunknown: error\n")
    code, report, _ = run_json(capsys, ".", "--baseline", "b.json")
    assert code == 1 and [(f["check_id"], f["severity"]) for f in report["findings"]] == [
        ("XB101", "error")]


def test_far_end_change_comes_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    run(capsys, ".", "--write-baseline", "b.json")
    project(tmp_path, cgw(peer="8.8.8.8"))  # same resource, another country's peer
    code, report, _ = run_json(capsys, ".", "--baseline", "b.json")
    assert code == 1 and [f["remote"]["value"] for f in report["findings"]] == ["8.8.8.8"]


def test_lapsed_approval_comes_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = ("version: 1\napproved_exits:\n  - id: cu\n    carrier: china-unicom\n"
              "    approval: CU-1\n    expires: 2027-06-30\n    match:\n"
              "      peer_cidrs: [18.184.0.0/16]\n")
    project(tmp_path, cgw(), policy)
    assert run(capsys, ".", "--write-baseline", "b.json", "--today", "2027-01-01")[0] == 0
    assert [e["status"] for e in _entries(tmp_path)] == ["approved"]
    # the approval lapses: the link is open again, and the baseline does not hide it
    code, report, _ = run_json(capsys, ".", "--baseline", "b.json", "--today", "2027-07-01")
    assert code == 1
    assert sorted(f["check_id"] for f in report["findings"]) == ["XB101", "XB901"]


def test_older_entries_without_far_end_still_match(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    (tmp_path / "b.json").write_text(json.dumps({"version": 1, "findings": [
        {"check_id": "XB101", "file": "main.tf", "resource": "aws_customer_gateway.office",
         "severity": "error"}]}), encoding="utf-8")
    assert run_json(capsys, ".", "--baseline", "b.json")[0] == 0


def test_show_baselined_lists_what_was_hidden(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    run(capsys, ".", "--write-baseline", "b.json")
    code, report, _ = run_json(capsys, ".", "--baseline", "b.json", "--show-baselined")
    assert code == 0
    assert [(f["status"], f["suppressed"]) for f in report["findings"]] == [
        ("baselined", True), ("baselined", True)]
    assert report["summary"]["baselined"] == 2 and report["summary"]["findings"] == 0
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(report)
    code, out, _ = run(capsys, ".", "--baseline", "b.json", "--show-baselined", "--format",
                       "text")
    assert code == 0 and out.count("XB101 error [baselined]") == 2
    assert out.splitlines()[-1].endswith("2 baselined")
    code, out, _ = run(capsys, ".", "--baseline", "b.json", "--format", "text")
    assert "XB101" not in out


def test_key_includes_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = 'module "net" {\n  source = "../../modules/net"\n}\n'
    (tmp_path / ".git").mkdir()
    write(tmp_path, "modules/net/main.tf", cgw())
    write(tmp_path, "envs/prod/main.tf", mod)
    write(tmp_path, "envs/staging/main.tf", mod)
    run(capsys, ".", "--write-baseline", "b.json")
    assert sorted(str(e["root"]) for e in _entries(tmp_path)) == ["envs/prod", "envs/staging"]
