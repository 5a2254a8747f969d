"""`--format gitlab`: GitLab Code Quality JSON, validated against the documented format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _cases import cgw, project, run, vpn, write

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "gitlab-codequality.schema.json"


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def gitlab(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = run(capsys, *argv, "--format", "gitlab")
    issues = json.loads(out)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(
        issues)
    return code, issues


def test_open_findings_are_issues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, issues = gitlab(capsys, ".")
    assert code == 1
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
            for i in issues] == [("XB101", "critical", "main.tf", 9),
                                 ("XB101", "critical", "main.tf", 15)]
    assert len({i["fingerprint"] for i in issues}) == 2
    assert "aws_vpn_connection.office" in issues[1]["description"]


def test_warnings_are_minor_and_suppressed_or_approved_are_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer="vpn.example.com"))  # unknown peer: a warning
    assert [i["severity"] for i in gitlab(capsys, ".")[1]] == ["minor"]
    project(tmp_path, cgw('# exitlint:ignore XB101 reason="CU 42"'))
    assert gitlab(capsys, ".") == (0, [])


def test_unreadable_file_is_an_issue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "broken.tf", 'resource "x" "y" {\n')
    code, issues = gitlab(capsys, ".")
    assert code == 2
    assert [(i["check_name"], i["location"]["path"]) for i in issues
            if i["check_name"] != "XB101"] == [("exitlint/unreadable", "broken.tf")]


def test_paths_from_the_repository_root_whatever_the_cwd(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "envs/prod/main.tf", cgw())
    monkeypatch.chdir(tmp_path / "envs" / "prod")
    _, issues = gitlab(capsys, ".")
    assert [i["location"]["path"] for i in issues] == ["envs/prod/main.tf"]


def test_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    first = run(capsys, ".", "--format", "gitlab")[1]
    assert first == run(capsys, ".", "--format", "gitlab")[1]
