"""GitHub Actions annotations (workflow commands), chosen automatically on GitHub Actions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _cases import UNKNOWN_PEER, cgw, project, run, vpn, write
from exitlint.reporters.github import command, escape_data, escape_property

LINE = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_escaping_follows_the_runner() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("warning", "x: y, z", file="a,b.tf", line=3) == \
        "::warning file=a%2Cb.tf,line=3::x: y, z"


def test_annotations_for_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    write(tmp_path, "w/main.tf", cgw(peer=UNKNOWN_PEER))
    write(tmp_path, "s/main.tf", cgw('# exitlint:ignore XB101 reason="leased"'))
    code, out, _ = run(capsys, ".", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    annotations = [m for m in map(LINE.match, lines) if m]
    assert [m.group(1) for m in annotations] == ["error", "error", "warning"]
    props = dict(p.split("=", 1) for p in annotations[0].group(2).split(","))
    assert props["file"] == "main.tf" and props["line"] == "9" and props["col"] == "1"
    assert props["endLine"] == "13" and props["title"].startswith("XB101 ")
    assert "%0AResource%3A" not in annotations[0].group(3)  # data escapes only %, CR, LF
    assert "%0AResource: aws_customer_gateway.office" in annotations[0].group(3)
    assert "\n" not in annotations[0].group(3)
    assert not any("s/main.tf" in line for line in lines if line.startswith("::"))
    assert lines[-1].startswith("exitlint: ") and "1 suppressed" in lines[-1]


def test_chosen_automatically_on_github_actions(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, vpn())
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, ".")
    assert code == 1 and out.startswith("::error file=main.tf,line=9,")
    _, out, _ = run(capsys, ".", "--format", "text")
    assert out.startswith("main.tf:9:1: XB101")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run(capsys, ".")[1].startswith("main.tf:9:1")


def test_parse_errors_are_annotated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "bad.tf", 'resource "a" "b" {\n  x = = 1\n}\n')
    code, out, _ = run(capsys, ".", "--format", "github")
    assert code == 2
    assert any(line.startswith("::error file=bad.tf,line=2,col=7,") for line in out.splitlines())


def test_action_runs_exitlint_and_uploads_sarif(tmp_path: Path) -> None:
    """The composite action's steps, with its scan step run for real (exitlint shimmed in place
    of the pip install)."""
    import os
    import subprocess
    import sys

    import yaml

    action = yaml.safe_load((Path(__file__).resolve().parents[2] / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s for s in steps if s.get("name") == "Install exitlint")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    scan = next(s for s in steps if s.get("id") == "scan")

    project(tmp_path, vpn())
    venv_bin = tmp_path / "runner" / "exitlint-venv" / "bin"
    venv_bin.mkdir(parents=True)
    shim = venv_bin / "exitlint"
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m exitlint \"$@\"\n", encoding="utf-8")
    shim.chmod(0o755)
    out_file = tmp_path / "github_output"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_OUTPUT": str(out_file),
           "GITHUB_ACTIONS": "true", "EXITLINT_PATHS": ".", "EXITLINT_ARGS": "--fail-on error",
           "EXITLINT_SARIF": "exitlint.sarif",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.run(["bash", "-e", "-c", scan["run"]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::error file=main.tf,line=9,")
    assert out_file.read_text() == "exit-code=1\n"
    assert json.loads((tmp_path / "exitlint.sarif").read_text())["runs"][0]["results"]
