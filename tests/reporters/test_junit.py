"""JUnit XML: one test case per check and resource, failures carry the message."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _cases import cgw, project, run, vpn, write
from exitlint.engine.catalog import load_checks


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def junit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, ET.Element]:
    code, out, _ = run(capsys, *argv, "--format", "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return code, ET.fromstring(out.split("\n", 1)[1])


def test_one_case_per_check_and_resource(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, root = junit(capsys, ".")
    assert code == 1 and root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    assert [(c.get("classname"), c.get("name")) for c in failing] == [
        ("XB101", "aws_customer_gateway.office"), ("XB101", "aws_vpn_connection.office")]
    for c in failing:
        failure = c.find("failure")
        assert failure is not None
        assert failure.get("type") == "error"
        assert "registered to US" in (failure.get("message") or "")
        assert "main.tf:" in (failure.text or "")
        assert c.get("file") == "main.tf"
    passing = {c.get("classname") for c in cases if len(c) == 0}
    assert passing == set(load_checks().checks) - {"XB101"}
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "2"


def test_suppressed_is_skipped_and_errors_are_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101 reason="leased <contract> & co"'))
    write(tmp_path, "bad.tf", 'resource "a" "b" {\n  x = = 1\n}\n')
    code, root = junit(capsys, ".")
    assert code == 2
    suite = root.find("testsuite")
    assert suite is not None
    skipped = [c for c in suite.iter("testcase") if c.find("skipped") is not None]
    assert len(skipped) == 1
    skip = skipped[0].find("skipped")
    assert skip is not None and "leased <contract> & co" in (skip.get("message") or "")
    errors = [c for c in suite.iter("testcase") if c.find("error") is not None]
    assert [c.get("file") for c in errors] == ["bad.tf"]
    assert suite.get("errors") == "1" and suite.get("skipped") == "1"


def test_output_file_alongside_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, vpn())
    code, out, _ = run(capsys, ".", "--output", "junit=results.xml")
    assert code == 1 and "XB101" in out
    ET.parse(tmp_path / "results.xml")


def test_approved_link_is_skipped_with_its_approval(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), "version: 1\napproved_exits:\n  - id: cu\n    carrier: china-unicom\n"
            "    approval: CU-IPLC-42\n    match:\n      peer_cidrs: [18.184.0.0/16]\n")
    code, root = junit(capsys, ".")
    assert code == 0
    [case] = [c for c in root.iter("testcase") if c.get("classname") == "XB101"]
    [skipped] = case.findall("skipped")
    assert skipped.get("message") == "approved: exit cu, china-unicom approval CU-IPLC-42"
