"""action.yml: the composite action's own shell steps, run here with a fake runner environment
(RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, a `gh` stub), and its shape. The expressions
and contexts are checked by actionlint in .ci/run (.ci/action_as_workflow.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from _cases import cgw, project

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="needs bash")


def step(name: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def runner(tmp_path: Path) -> dict[str, str]:
    """A runner's environment: RUNNER_TEMP with an `exitlint-venv` whose python and exitlint
    are this interpreter and this checkout, and empty GITHUB_OUTPUT/GITHUB_STEP_SUMMARY."""
    temp = tmp_path / "runner"
    bin_ = temp / "exitlint-venv" / "bin"
    bin_.mkdir(parents=True)
    (bin_ / "python").symlink_to(sys.executable)
    exe = bin_ / "exitlint"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m exitlint "$@"\n', encoding="utf-8")
    exe.chmod(0o755)
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    gh = stubs / "gh"  # the code scanning API answers $GH_STUB_ANSWER (default: 403, off)
    gh.write_text('#!/bin/sh\necho "gh: ${GH_STUB_ANSWER:-Advanced Security must be enabled '
                  'for this repository to use code scanning. (HTTP 403)}" >&2\nexit 1\n',
                  encoding="utf-8")
    gh.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(RUNNER_TEMP=str(temp), GITHUB_OUTPUT=str(tmp_path / "output"),
               GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"), GITHUB_ACTIONS="true",
               PATH=f"{stubs}{os.pathsep}{env['PATH']}", EXITLINT_TODAY="2027-01-01")
    (tmp_path / "output").write_text("", encoding="utf-8")
    return env


def run_step(name: str, env: dict[str, str], cwd: Path,
             **step_env: str) -> subprocess.CompletedProcess[str]:
    script = step(name)["run"]
    assert step(name)["shell"] == "bash"
    return subprocess.run([BASH or "bash", "-e", "-c", script], cwd=cwd, text=True,
                          capture_output=True, env={**env, **step_env}, timeout=300, check=False)


def outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "output").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_upload_sarif_input_defaults_to_auto() -> None:
    assert ACTION["inputs"]["upload-sarif"]["default"] == "auto"
    upload = step("Upload SARIF")
    assert upload["if"] == "${{ steps.upload.outputs.upload == 'true' }}"
    assert upload["continue-on-error"] == "${{ inputs.upload-sarif == 'auto' }}"


def test_scan_writes_reports_and_the_summary(tmp_path: Path) -> None:
    repo = project(tmp_path / "repo", cgw())
    env = runner(tmp_path)
    done = run_step("Scan", env, repo, EXITLINT_PATHS=".", EXITLINT_ARGS="",
                    EXITLINT_SARIF="exitlint.sarif")
    assert done.returncode == 0, done.stderr
    assert outputs(tmp_path)["exit-code"] == "1"
    assert "::error file=main.tf" in done.stdout  # annotations
    assert json.loads((repo / "exitlint.sarif").read_text())["runs"][0]["results"]
    done = run_step("Job summary", env, repo, CODE="1")
    assert done.returncode == 0, done.stderr
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    # the Markdown report (--format markdown): its verdict line, the Mermaid map, the finding
    assert summary.startswith("### ") and "exitlint: 1 link across the border" in summary
    assert "```mermaid" in summary
    assert "XB101" in summary and "aws_customer_gateway.office" in summary


@pytest.mark.parametrize(("mode", "extra", "upload", "notice"), [
    ("auto", {}, "true", ""),
    ("auto", {"EVENT": "pull_request", "HEAD_REPO": "someone/fork"}, "false", "from a fork"),
    ("auto", {"EVENT": "pull_request", "HEAD_REPO": "org/repo"}, "true", ""),
    ("auto", {"PRIVATE": "true"}, "false", "not available for this private repository"),
    # enabled, but nothing uploaded yet: the API says 404; the upload goes ahead
    ("auto", {"PRIVATE": "true", "GH_STUB_ANSWER": "no analysis found (HTTP 404)"}, "true", ""),
    ("true", {"PRIVATE": "true"}, "true", ""),
    ("false", {}, "false", ""),
])
def test_upload_decision(tmp_path: Path, mode: str, extra: dict[str, str], upload: str,
                         notice: str) -> None:
    (tmp_path / "exitlint.sarif").write_text("{}", encoding="utf-8")
    env = runner(tmp_path)
    given = {"MODE": mode, "SARIF": "exitlint.sarif", "EVENT": "push", "HEAD_REPO": "",
             "REPO": "org/repo", "PRIVATE": "false", "GH_TOKEN": "x", **extra}
    done = run_step("Decide on the SARIF upload", env, tmp_path, **given)
    assert done.returncode == 0, done.stderr  # a notice, never a red job
    assert outputs(tmp_path)["upload"] == upload
    if notice:
        assert "::notice title=exitlint::" in done.stdout and notice in done.stdout
    else:
        assert "::notice" not in done.stdout


def test_upload_decision_rejects_an_unknown_mode(tmp_path: Path) -> None:
    env = runner(tmp_path)
    done = run_step("Decide on the SARIF upload", env, tmp_path, MODE="yes", SARIF="x",
                    EVENT="push", HEAD_REPO="", REPO="o/r", PRIVATE="false", GH_TOKEN="x")
    assert done.returncode == 2 and "upload-sarif must be auto, true or false" in done.stdout
