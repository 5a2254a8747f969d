"""`exitlint init` and `[tool.exitlint]` in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import cgw, ids, project, run, run_json, write
from exitlint.policy import find_policy, load_policy


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_init_writes_a_valid_commented_policy(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    code, _, err = run(capsys, "init")
    assert code == 0 and ".exitlint.yaml" in err
    text = (tmp_path / ".exitlint.yaml").read_text(encoding="utf-8")
    assert text.count("\n# ") > 10 and "approved_exits" in text and "version: 1" in text
    policy = load_policy(tmp_path / ".exitlint.yaml")
    assert policy.unknown == "warning"
    assert find_policy(tmp_path) == tmp_path / ".exitlint.yaml"
    assert run(capsys, ".")[0] == 1  # the starter policy changes nothing by itself


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".exitlint.yaml").write_text("version: 1\ndefault_region: cn-shanghai\n",
                                             encoding="utf-8")
    code, _, err = run(capsys, "init")
    assert code == 2 and "already exists" in err
    assert "cn-shanghai" in (tmp_path / ".exitlint.yaml").read_text(encoding="utf-8")
    assert run(capsys, "init", "--force")[0] == 0
    assert run(capsys, "init", "other.yaml")[0] == 0 and (tmp_path / "other.yaml").is_file()


def test_pyproject_tool_exitlint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "pyproject.toml", '[project]\nname = "infra"\n\n[tool.exitlint]\n'
          'version = 1\nchecks = {XB101 = "disabled"}\n')
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and ids(report) == []
    write(tmp_path, "pyproject.toml", '[tool.exitlint]\nversion = 1\n'
          'checks = {XB101 = {severity = "warning"}}\n')
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and [f["severity"] for f in report["findings"]] == ["warning"]
    write(tmp_path, "pyproject.toml", '[tool.exitlint]\nunknown = "sometimes"\n')
    code, _, err = run(capsys, ".")
    assert code == 2 and "unknown" in err and "pyproject.toml" in err


def test_yaml_policy_wins_over_pyproject(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), policy="version: 1\n")
    write(tmp_path, "pyproject.toml", '[tool.exitlint]\nchecks = {XB101 = "disabled"}\n')
    assert run(capsys, ".")[0] == 1
