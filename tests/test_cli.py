"""Command line (SPEC §6) and the JSON report contract (SPEC §7)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from _cases import UNKNOWN_PEER, cgw, ids, project, run, run_json, vpn, write
from exitlint import __version__

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)


def validate(report: dict) -> None:  # type: ignore[type-arg]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(report)


# ---- exit codes ----------------------------------------------------------------------------

def test_clean_scan_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn(peer="114.114.114.114"))
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and report["findings"] == [] and report["errors"] == []
    validate(report)


def test_error_finding_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, out, _ = run(capsys, ".")
    assert code == 1
    assert "XB101" in out and "main.tf" in out


def test_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer=UNKNOWN_PEER))  # a warning only
    assert run(capsys, ".")[0] == 0
    assert run(capsys, ".", "--fail-on", "warning")[0] == 1
    assert run(capsys, ".", "--fail-on", "error")[0] == 0
    project(tmp_path, vpn())
    assert run(capsys, ".", "--fail-on", "never")[0] == 0


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, _, err = run(capsys, "does-not-exist")
    assert code == 2 and "does-not-exist" in err
    assert run(capsys, ".", "--fail-on", "sometimes")[0] == 2
    assert run(capsys, ".", "--output", "xml=out.xml")[0] == 2
    assert run(capsys, ".", "--var", "novalue")[0] == 2


# ---- JSON report ---------------------------------------------------------------------------

def test_json_report_validates_and_has_contract_fields(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    _, report, _ = run_json(capsys, ".")
    validate(report)
    assert report["version"] == 1
    assert report["tool"] == {"name": "exitlint", "version": __version__}
    summary = report["summary"]
    assert summary["files"] == 1 and summary["resources"] == 3
    assert summary["findings"] == 2 and summary["errors"] == 0
    assert summary["by_severity"] == {"error": 2, "warning": 0, "info": 0}
    first = report["findings"][0]
    assert first["file"] == "main.tf" and first["line"] == 9 and first["end_line"] == 13
    assert first["column"] == 1 and first["kind"] == "terraform"
    assert first["resource"] == "aws_customer_gateway.office"
    assert first["remote"] == {"class": "non-mainland", "value": "18.184.10.10",
                               "reason": "ip_address 18.184.10.10 is registered to US"}
    assert first["local"]["class"] == "mainland" and first["local"]["value"] == "cn-north-1"
    keys = [(f["file"], f["line"], f["check_id"]) for f in report["findings"]]
    assert keys == sorted(keys)


def test_fingerprint_stable_across_line_moves(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    before = {f["resource"]: f["fingerprint"] for f in run_json(capsys, ".")[1]["findings"]}
    project(tmp_path, "\n\n# moved down\n" + vpn())
    after = run_json(capsys, ".")[1]["findings"]
    assert after[0]["line"] == 12
    assert {f["resource"]: f["fingerprint"] for f in after} == before
    assert len(set(before.values())) == len(before)


def test_deterministic_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    write(tmp_path, "b/main.tf", cgw(peer=UNKNOWN_PEER))
    write(tmp_path, "a/bad.tf", 'resource "x" "y" {\n  = 1\n')
    for fmt in ("json", "text"):
        first = run(capsys, ".", "--format", fmt)
        second = run(capsys, ".", "--format", fmt)
        assert first == second
        assert first[1]


def test_output_file_and_text_on_stdout(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, out, _ = run(capsys, ".", "--output", "json=report.json")
    assert code == 1
    assert "XB101" in out and not out.lstrip().startswith("{")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    validate(report)
    assert ids(report) == ["XB101", "XB101"]


# ---- broken input --------------------------------------------------------------------------

def test_malformed_file_beside_noncompliant_one(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "other/bad.tf", 'resource "a" "b" {\n  x = = 1\n}\n')
    write(tmp_path, "other/good.tf", cgw().replace("office", "branch"))
    code, report, _ = run_json(capsys, ".")
    assert code == 2
    validate(report)
    assert [e["file"] for e in report["errors"]] == ["other/bad.tf"]
    err = report["errors"][0]
    assert (err["line"], err["column"]) == (2, 7)
    assert sorted(f["resource"] for f in report["findings"]) == [
        "aws_customer_gateway.branch", "aws_customer_gateway.office"]


def test_malformed_file_exit_2_in_text_mode(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "bad.tf", 'resource "a" "b" {\n  x = = 1\n}\n')
    code, out, err = run(capsys, ".")
    assert code == 2
    assert "bad.tf" in out + err and "XB101" in out


def test_binary_file_is_an_error_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    (tmp_path / "blob.tf").write_bytes(bytes(range(256)) * 8)
    code, report, _ = run_json(capsys, ".")
    assert code == 2
    validate(report)
    [err] = report["errors"]
    assert err["file"] == "blob.tf" and "binary" in err["message"]
    assert ids(report) == ["XB101"]


def test_unreadable_file_is_an_error_entry(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    locked = write(tmp_path, "locked.tf", 'locals {\n  a = 1\n}\n')
    if os.geteuid() == 0:  # root reads anything: a dangling link cannot be read either
        locked.unlink()
        locked.symlink_to(tmp_path / "gone.tf")
    else:
        locked.chmod(0)
    code, report, _ = run_json(capsys, ".")
    assert code == 2
    [err] = report["errors"]
    assert err["file"] == "locked.tf" and "cannot read" in err["message"]
    assert ids(report) == ["XB101"]


def test_non_utf8_file_does_not_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    (tmp_path / "latin1.tf").write_bytes(b'# caf\xe9\nlocals {\n  a = "\xe9"\n}\n')
    code, report, err = run_json(capsys, ".")
    assert code in (1, 2) and "Traceback" not in err
    assert "XB101" in ids(report)


def test_too_large_file_is_skipped_with_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "big.tf", "locals {\n" + '  a = "x"\n' * 2000 + "}\n")
    code, report, _ = run_json(capsys, ".", "--max-file-size", "1000")
    assert code == 2
    assert [e["file"] for e in report["errors"]] == ["big.tf"]
    assert ids(report) == ["XB101"]


def test_other_files_are_skipped_silently(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    (tmp_path / "README.md").write_text("# hello\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and report["errors"] == []


def test_single_file_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    code, report, _ = run_json(capsys, "main.tf")
    assert code == 1 and [f["file"] for f in report["findings"]] == ["main.tf"]


# ---- subcommands ---------------------------------------------------------------------------

def test_checks_lists_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checks")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("XB101") and "error" in line for line in lines)
    assert any(line.startswith("XB901") for line in lines)


def test_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "XB101")
    assert code == 0
    assert "XB101" in out and "Site-to-site VPN" in out
    assert len(out.splitlines()) > 5


def test_explain_unknown_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "explain", "XB999")
    assert code == 2 and "XB999" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out and "exitlint" in out


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "checks" in out and "explain" in out


# ---- formats, outputs, terminal habits (issue 5) --------------------------------------------

def test_several_outputs_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, out, _ = run(capsys, ".", "--output", "sarif=results.sarif", "--output",
                       "json=report.json", "--output", "junit=junit.xml", "--output",
                       "github=annotations.txt")
    assert code == 1 and out.startswith("main.tf:9:1: XB101")
    assert json.loads((tmp_path / "results.sarif").read_text())["version"] == "2.1.0"
    validate(json.loads((tmp_path / "report.json").read_text()))
    assert (tmp_path / "junit.xml").read_text().startswith("<?xml")
    assert (tmp_path / "annotations.txt").read_text().startswith("::error ")


def test_colour_only_on_a_tty_and_not_with_no_color(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, vpn())
    assert "\033[" not in run(capsys, ".")[1]  # captured output is not a terminal
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert "\033[31m" in run(capsys, ".")[1]
    assert "\033[" not in run(capsys, ".", "--no-color")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in run(capsys, ".")[1]


def test_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    full = run(capsys, ".")[1]
    quiet = run(capsys, ".", "--quiet")[1]
    assert "fix:" in full and "ends:" in full
    assert "fix:" not in quiet and "ends:" not in quiet and "XB101" in quiet
    assert quiet.splitlines()[-1] == full.splitlines()[-1]


def test_ctrl_c_exits_130_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, vpn())

    def interrupted(options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("exitlint.app.scan", interrupted)
    code, _, err = run(capsys, ".")
    assert code == 130 and "Traceback" not in err and "interrupted" in err


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    import subprocess
    import sys

    for i in range(30):
        write(tmp_path, f"m{i}/main.tf", vpn())
    (tmp_path / ".git").mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.Popen([sys.executable, "-m", "exitlint", "."], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `exitlint . | head -1`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert b"XB101" in first
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err


def test_shell_completion(capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_EXITLINT_COMPLETE", "bash_source")
    code, out, _ = run(capsys)
    assert code == 0 and "_EXITLINT_COMPLETE=bash_complete" in out
    monkeypatch.setenv("_EXITLINT_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "exitlint ex")
    monkeypatch.setenv("COMP_CWORD", "1")
    code, out, _ = run(capsys)
    assert code == 0 and "explain" in out
    monkeypatch.setenv("COMP_WORDS", "exitlint explain XB1")
    monkeypatch.setenv("COMP_CWORD", "2")
    code, out, _ = run(capsys)
    assert "XB101" in out and "XB901" not in out


def test_progress_only_on_a_terminal_after_a_second(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    from exitlint import cli

    stream = io.StringIO()
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0.05)
    with cli._progress(True, stream):
        time.sleep(0.3)
    assert "scanning" in stream.getvalue() and stream.getvalue().endswith("\r\033[K")
    quick = io.StringIO()
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 5.0)
    with cli._progress(True, quick):
        pass
    assert quick.getvalue() == ""
    silent = io.StringIO()
    with cli._progress(False, silent):
        time.sleep(0.1)
    assert silent.getvalue() == ""


def test_no_progress_when_stderr_is_not_a_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    assert run(capsys, ".")[2] == ""
