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
