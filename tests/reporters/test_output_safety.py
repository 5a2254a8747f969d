"""Output cannot be used to inject, and writing it cannot crash (issue 10 §5, §6).

File names, resource labels and values are attacker-controlled: a pull request chooses them.
Text and GitHub output must show their control characters as visible escapes (no OSC 52
clipboard write, no erased line, no forged `::error` line), JUnit must stay well-formed XML, and
a file name that is not UTF-8 must work in every format. An unwritable `--output`, `init` or
`--write-baseline` path and a hostile `--baseline` file are one-line usage errors.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _cases import cgw, run, vpn
from _subproc import child_env, run_cli

PROVIDERS = 'provider "aws" {\n  region = "cn-north-1"\n}\n'
GATEWAY = """\
resource "aws_customer_gateway" "%(label)s" {
  bgp_asn    = 65010
  ip_address = "%(ip)s"
  type       = "ipsec.1"
}
"""
# HCL escapes put any character into a label or a value
OSC52 = "\\u001b]52;c;SGVsbG8=\\u0007"  # writes "Hello" to the clipboard of many terminals
ERASE = "\\r\\u001b[2K"  # carriage return + erase line: hides the finding's own line
BIDI = "\\u202e"  # right-to-left override
C1 = "\\u009b"  # 8-bit CSI
RAW = ("\x1b", "\x07", "\r", "\u202e", "\x9b", "\x01", "\x0b")


def _gateway(label: str, ip: str = "18.184.10.10") -> str:
    return GATEWAY % {"label": label, "ip": ip}


@pytest.fixture()
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three foreign VPN peers whose label, value and file name carry terminal sequences."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "providers.tf").write_text(PROVIDERS)
    (tmp_path / "labels.tf").write_text(_gateway(f"x{OSC52}{ERASE}{BIDI}{C1}"))
    (tmp_path / "values.tf").write_text(
        _gateway("v", "18.184.10.10\\n::error file=ci.tf,line=1::forged"))
    (tmp_path / "n\x1b]8;;evil.example\x07\n::error file=x.tf::forged\x01\x0b.tf"
     ).write_text(_gateway("named"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_output_escapes_control_characters(hostile: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, ".", "--format", "text", "--no-cache")
    assert code == 1, err
    for char in RAW:
        assert char not in out, repr(char)
    # a newline from the input never starts a line of its own
    assert not [line for line in out.splitlines() if line.startswith("::")], out
    assert "aws_customer_gateway.x\\x1b]52;c;SGVsbG8=\\x07\\x0d\\x1b[2K\\u202e\\x9b" in out
    assert "18.184.10.10\\x0a::error file=ci.tf,line=1::forged" in out
    assert re.search(r"^n\\x1b\]8;;evil\.example\\x07\\x0a::error file=x\.tf::forged"
                     r"\\x01\\x0b\.tf:1:1: XB101 error aws_customer_gateway\.named$", out, re.M)


def test_github_annotations_carry_no_control_characters(
        hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, ".", "--format", "github", "--no-cache")
    assert code == 1
    for char in RAW:
        assert char not in out, repr(char)
    lines = out.splitlines()
    # one annotation per finding (two errors, one warning), then the summary: nothing forged
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::error", "::warning",
                                                         "exitlint:"], out
    assert "file=n\\x1b]8;;evil.example\\x07%0A%3A%3Aerror file=x.tf%3A%3Aforged" in out


def test_junit_is_well_formed_whatever_the_names(hostile: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, ".", "--format", "junit", "--no-cache")
    assert code == 1
    root = ET.fromstring(out)  # raises on characters XML 1.0 forbids
    files = {case.get("file") for case in root.iter("testcase") if case.get("file")}
    assert "n\\x1b]8;;evil.example\\x07\n::error file=x.tf::forged\\x01\\x0b.tf" in files
    # ElementTree reads an escaped newline back as a newline; what XML forbids is escaped
    for case in root.iter():
        for value in [*case.attrib.values(), case.text or ""]:
            assert not any(char in value for char in "\x1b\x07\x01\x0b"), value


def test_messages_on_stderr_are_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "no\x1b[2Kthere\n::error::x.tf")
    assert code == 2
    assert "\x1b" not in err and "no\\x1b[2Kthere\\x0a::error::x.tf" in err
    assert len(err.splitlines()) == 1, err


NON_UTF8 = b"vpn\xff.tf"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "gitlab"])
def test_non_utf8_file_name_in_every_format(fmt: str, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / "providers.tf").write_text(PROVIDERS)
    with open(os.path.join(os.fsencode(repo), NON_UTF8), "w") as fh:
        fh.write(_gateway("office"))
    run_ = run_cli(["--format", fmt, "."], repo, env=child_env(cache=tmp_path / "cache"))
    assert "Traceback" not in run_.stderr, run_.stderr
    assert run_.code == 1, (run_.stderr, run_.stdout)
    out = run_.stdout
    if fmt == "json":
        [finding] = json.loads(out)["findings"]
        # the invalid byte is written as the visible escape \xff: valid UTF-8, deterministic
        assert (finding["file"], finding["check_id"]) == ("vpn\\xff.tf", "XB101")
    elif fmt == "sarif":
        [result] = json.loads(out)["runs"][0]["results"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "vpn%FF.tf"  # the file's real bytes, percent-encoded
    elif fmt == "junit":
        files = {c.get("file") for c in ET.fromstring(out).iter("testcase")}
        assert "vpn\\xff.tf" in files
    elif fmt == "github":
        assert "::error file=vpn\\xff.tf,line=1," in out
    elif fmt == "gitlab":
        [issue] = json.loads(out)
        assert issue["location"]["path"] == "vpn\\xff.tf"
    else:
        assert "vpn\\xff.tf:1:1: XB101 error aws_customer_gateway.office" in out


def test_baseline_round_trip_with_a_non_utf8_file_name(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "providers.tf").write_text(PROVIDERS)
    with open(os.path.join(os.fsencode(tmp_path), NON_UTF8), "w") as fh:
        fh.write(_gateway("office"))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, ".", "--write-baseline", "base.json", "--no-cache")
    assert code == 0, err
    [entry] = json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"]
    assert entry["file"] == "vpn\\xff.tf"
    code, out, _ = run(capsys, ".", "--baseline", "base.json", "--no-cache")
    assert code == 0 and "1 baselined" in out, out


# -- unwritable outputs (D23) ----------------------------------------------------------------
def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text(vpn())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_output_to_a_missing_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, monkeypatch)
    code, out, err = run(capsys, ".", "--output", "json=missing/dir/report.json",
                         "--output", "sarif=ok.sarif", "--no-cache")
    assert code == 2
    assert err.splitlines() == [
        "exitlint: cannot write missing/dir/report.json: No such file or directory"]
    assert "main.tf:9:1: XB101 error" in out  # the report on stdout stands
    assert json.loads(Path("ok.sarif").read_text())["runs"][0]["results"]  # later outputs too


def test_output_to_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, monkeypatch)
    Path("report.json").mkdir()
    code, _, err = run(capsys, ".", "--output", "json=report.json", "--no-cache")
    assert code == 2
    assert err.startswith("exitlint: cannot write report.json: ") and len(err.splitlines()) == 1


def test_write_baseline_to_an_unwritable_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, monkeypatch)
    Path("blocker").write_text("a file, not a directory")
    code, _, err = run(capsys, ".", "--write-baseline", "blocker/base.json", "--no-cache")
    assert code == 2
    assert err.startswith("exitlint: cannot write blocker/base.json: ") and \
        len(err.splitlines()) == 1, err


def test_init_to_an_unwritable_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "init", "missing/.exitlint.yaml")
    assert code == 2
    assert err.splitlines() == [
        "exitlint: cannot write missing/.exitlint.yaml: No such file or directory"]
    assert not Path("missing").exists()


# -- hostile baseline files (D30) ----------------------------------------------------------------
def _baseline_run(tmp_path: Path, make: str) -> tuple[int, str, bool]:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / "main.tf").write_text(cgw())
    base = repo / "base.json"
    if make == "fifo":
        os.mkfifo(base)  # nobody writes: reading it would block forever
    elif make == "zero":
        base.symlink_to("/dev/zero")  # reading it would never end
    else:
        with open(base, "wb") as fh:  # sparse: 65 MiB on paper
            fh.truncate(65 * 1024 * 1024)
    run_ = run_cli(["--baseline", "base.json", "."], repo, timeout=30, mem_mb=1024,
                   env=child_env(cache=tmp_path / "cache"))
    return run_.code, run_.stderr, run_.timed_out


@pytest.mark.parametrize(("make", "why"), [("fifo", "not a regular file"),
                                           ("zero", "not a regular file"),
                                           ("big", "larger than")])
def test_baseline_must_be_a_bounded_regular_file(make: str, why: str, tmp_path: Path) -> None:
    code, err, timed_out = _baseline_run(tmp_path, make)
    assert not timed_out
    assert "Traceback" not in err, err
    assert code == 2
    assert err.startswith("exitlint: baseline base.json ") and why in err, err
