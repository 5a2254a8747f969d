"""`exitlint -`: Terraform, Kubernetes or a plan on standard input (SPEC §6)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from _cases import DOMESTIC_PEER, FRPC_MANIFEST, cgw, ids, project, run, write
from exitlint.stdin_input import StdinKindError, detect_kind

PLAN = json.dumps({"format_version": "1.2", "planned_values": {"root_module": {}}})


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    code, out, err = run(capsys, *argv, "--format", "json")
    return code, (json.loads(out) if out else {}), err


@pytest.mark.parametrize(("text", "kind"), [
    (cgw(), "terraform"),
    ('# a comment\n/* resource "x" "y" { */\nmodule "net" {\n  source = "./net"\n}\n',
     "terraform"),
    ('terraform {\n  required_version = ">= 1.5"\n}\n', "terraform"),
    ('{"resource": {"aws_customer_gateway": {"a": {"ip_address": "1.2.3.4"}}}}', "terraform"),
    (FRPC_MANIFEST, "kubernetes"),
    ('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}', "kubernetes"),
    (PLAN, "plan"),
])
def test_detect_kind(text: str, kind: str) -> None:
    assert detect_kind(text) == kind


@pytest.mark.parametrize(("text", "says"), [
    ("", "empty"),
    ("   \n\n", "empty"),
    ("hello: world\n", "not recognised"),
    ('{"a": 1}', "not recognised"),
    ('region = "cn-north-1"\n', "--var-file"),  # a tfvars file
    ('# resource "aws_vpc" "x" {\n', "not recognised"),  # only in a comment
])
def test_detect_nothing(text: str, says: str) -> None:
    with pytest.raises(StdinKindError, match=says):
        detect_kind(text)


def test_terraform_on_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, cgw(peer=DOMESTIC_PEER))
    _stdin(monkeypatch, cgw())
    code, report, _ = _json(capsys, "-")
    assert code == 1 and ids(report) == ["XB101"]
    finding = report["findings"][0]
    assert finding["file"] == "<stdin>" and finding["line"] == 6
    assert report["summary"]["files"] == 1
    assert all(o["file"] == "<stdin>" for o in finding["related"])
    assert not list(tmp_path.glob("stdin*"))  # nothing written into the user's tree


def test_terraform_on_stdin_with_paths_and_cwd_policy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input follows the current directory's policy; named paths are scanned too."""
    project(tmp_path, cgw(), policy="version: 1\nchecks: {XB101: {severity: warning}}\n")
    _stdin(monkeypatch, cgw())
    code, report, _ = _json(capsys, ".", "-")
    assert code == 0
    assert sorted((f["file"], f["severity"]) for f in report["findings"]) == [
        ("<stdin>", "warning"), ("main.tf", "warning")]


def test_terraform_json_syntax_on_stdin(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, json.dumps({
        "provider": {"aws": {"region": "cn-north-1"}},
        "resource": {"aws_customer_gateway": {"o": {
            "bgp_asn": 65010, "ip_address": "18.184.10.10", "type": "ipsec.1"}}}}))
    code, report, _ = _json(capsys, "-")
    assert code == 1 and ids(report) == ["XB101"]


def test_hcl_syntax_error_on_stdin_is_exit_2(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, 'resource "aws_vpc" "x" {\n')
    code, report, _ = _json(capsys, "-")
    assert code == 2 and report["errors"][0]["file"] == "<stdin>"


@pytest.mark.parametrize("text", ["", "hello: world\n", "just some words\n"])
def test_unrecognised_stdin_is_exit_2(text: str, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, text)
    code, out, err = run(capsys, "-")
    assert code == 2 and out == "" and "standard input" in err and "0 files" not in out


def test_stdin_kind_names_the_kind(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # HCL named as Kubernetes holds no object: exit 2, never an empty scan
    _stdin(monkeypatch, cgw())
    code, _, err = run(capsys, "-", "--stdin-kind", "kubernetes")
    assert code == 2 and "no Kubernetes object" in err
    _stdin(monkeypatch, cgw())
    code, report, _ = _json(capsys, "-", "--stdin-kind", "terraform")
    assert code == 1 and ids(report) == ["XB101"]
    _stdin(monkeypatch, cgw())
    code, report, _ = _json(capsys, "-", "--stdin-kind", "plan")  # not JSON: a read error
    assert code == 2 and report["errors"]
    _stdin(monkeypatch, PLAN)
    code, report, _ = _json(capsys, "-", "--stdin-kind", "plan")
    assert code == 0 and report["errors"] == []


def test_stdin_kind_without_dash_is_a_usage_error(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    code, _, err = run(capsys, ".", "--stdin-kind", "terraform")
    assert code == 2 and "'-'" in err


def test_kubernetes_on_stdin_still_detected(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, FRPC_MANIFEST % "203.0.113.9")
    code, report, _ = _json(capsys, "-")
    assert report["summary"]["files"] == 1 and report["summary"]["resources"] == 2
    assert code in (0, 1)


def test_stdin_module_sources_stay_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A module call on standard input has no directory to resolve against: a warning names
    it, nothing is read from the current directory by accident."""
    project(tmp_path, cgw(peer=DOMESTIC_PEER))
    write(tmp_path, "net/main.tf", cgw())
    _stdin(monkeypatch, 'module "net" {\n  source = "./net"\n}\n')
    code, report, _ = _json(capsys, "-")
    assert code != 2 and "XB101" not in ids(report)
