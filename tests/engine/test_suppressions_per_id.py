"""XB910 per check ID (SPEC §5): a comment or annotation naming several checks where only some
report on its block has the others unused, each reported at the comment."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from _cases import DOMESTIC_PEER, cgw, project, run, run_json, write


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _unused(report: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    return [(f["resource"], f["file"], f["line"], f["column"]) for f in report["findings"]
            if f["check_id"] == "XB910"]


def _xb101(report: dict[str, Any]) -> list[tuple[str, bool]]:
    return [(f["resource"], f["suppressed"]) for f in report["findings"]
            if f["check_id"] == "XB101"]


def test_terraform_comment_one_of_two_ids_unused(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101,XB201 reason="CU contract 42"'))
    code, report, _ = run_json(capsys, ".")
    assert _xb101(report) == [("aws_customer_gateway.office", True)]
    assert _unused(report) == [("suppression of XB201", "main.tf", 5, 1)]
    [f] = [f for f in report["findings"] if f["check_id"] == "XB910"]
    # XB101 is in the comment already: no did-you-mean towards it
    assert "remove XB201 from it" in f["message"] and "did you mean" not in f["message"]
    assert [(r["file"], r["line"]) for r in f["related"]] == [("main.tf", 6)]
    assert code == 0  # XB910 is a warning: it fails the run only with --fail-on warning
    assert run(capsys, ".", "--fail-on", "warning")[0] == 1


def test_every_unused_id_is_reported_once(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB202, XB201 reason="old deal"'))
    _, report, _ = run_json(capsys, ".")
    assert _xb101(report) == [("aws_customer_gateway.office", False)]
    assert _unused(report) == [("suppression of XB201", "main.tf", 5, 1),
                               ("suppression of XB202", "main.tf", 5, 1)]
    # neither is in the comment: a typo of the check that reports is suggested
    assert all("(did you mean XB101?)" in f["message"] for f in report["findings"]
               if f["check_id"] == "XB910")


def test_comment_inside_the_block_at_its_column(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw().replace(
        '  bgp_asn', '  // exitlint:ignore XB101 XB303 reason="lab"\n  bgp_asn'))
    _, report, _ = run_json(capsys, ".")
    assert _xb101(report) == [("aws_customer_gateway.office", True)]
    assert _unused(report) == [("suppression of XB303", "main.tf", 7, 3)]


def test_all_ids_used_is_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101 reason="CU contract 42"'))
    _, report, _ = run_json(capsys, ".")
    assert _unused(report) == [] and _xb101(report) == [("aws_customer_gateway.office", True)]


POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    exitlint.io/ignore: "XB701,XB703: approved lab proxy, ticket NET-42"
spec:
  containers: [{name: c, image: "teddysun/xray:1.8.4"}]
"""


def test_kubernetes_annotation_one_of_two_ids_unused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, "")
    (tmp_path / "main.tf").unlink()
    write(tmp_path, "pod.yaml", POD)
    _, report, _ = run_json(capsys, ".")
    assert [(f["check_id"], f["suppressed"]) for f in report["findings"]
            if f["check_id"] != "XB910"] == [("XB701", True)]
    assert _unused(report) == [("suppression of XB703", "pod.yaml", 6, 5)]


def test_kubernetes_comment_one_of_two_ids_unused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, "")
    (tmp_path / "main.tf").unlink()
    text = POD.replace('  annotations:\n    exitlint.io/ignore: "XB701,XB703: approved lab '
                       'proxy, ticket NET-42"\n', "")
    write(tmp_path, "pod.yaml", '# exitlint:ignore XB703,XB701 reason="lab"\n' + text)
    _, report, _ = run_json(capsys, ".")
    assert [(f["check_id"], f["suppressed"]) for f in report["findings"]
            if f["check_id"] != "XB910"] == [("XB701", True)]
    [(resource, file, line, _)] = _unused(report)
    assert (resource, file, line) == ("suppression of XB703", "pod.yaml", 1)


ROOT = """\
provider "aws" {
  region = "cn-north-1"
}

# exitlint:ignore XB101,XB202 reason="leased via CU contract 42"
module "office" {
  source = "./modules/vpn"
  peer   = "18.184.10.10"
}
"""
MODULE = 'variable "peer" {}\n' + cgw(peer="${var.peer}").replace(
    'provider "aws" {\n  region = "cn-north-1"\n}\n', "")


def test_module_block_comment_one_of_two_ids_unused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, ROOT)
    write(tmp_path, "modules/vpn/main.tf", MODULE)
    _, report, _ = run_json(capsys, ".")
    assert _xb101(report) == [("module.office.aws_customer_gateway.office", True)]
    # at the comment in the caller's file, not in the module's
    assert _unused(report) == [("suppression of XB202", "main.tf", 5, 1)]


def test_each_id_is_judged_across_roots(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "modules/net/main.tf", 'variable "peer" {}\n\n' + cgw(
        '# exitlint:ignore XB101,XB202 reason="CU 42"', peer="${var.peer}"))
    # prod's peer is abroad (XB101 used there); staging's is in the mainland (nothing)
    for env, peer in (("prod", "18.184.1.1"), ("staging", DOMESTIC_PEER)):
        write(tmp_path, f"envs/{env}/main.tf",
              f'module "net" {{\n  source = "../../modules/net"\n  peer = "{peer}"\n}}\n')
    _, report, _ = run_json(capsys, ".")
    # XB101 is used through prod: not unused; XB202 is used nowhere: once, not once per root
    assert _unused(report) == [("suppression of XB202", "modules/net/main.tf", 7, 1)]


def test_baseline_keeps_each_unused_id_apart(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101,XB201 reason="CU contract 42"'))
    assert run(capsys, ".", "--write-baseline", "baseline.json")[0] == 0
    code, report, _ = run_json(capsys, ".", "--baseline", "baseline.json",
                               "--fail-on", "warning")
    assert code == 0 and _unused(report) == []  # the XB201 entry is accepted
    # another unused ID in the same comment is a new finding: the baseline keys each ID
    (tmp_path / "main.tf").write_text(textwrap.dedent(cgw(
        '# exitlint:ignore XB101,XB201,XB202 reason="CU contract 42"')), encoding="utf-8")
    code, report, _ = run_json(capsys, ".", "--baseline", "baseline.json",
                               "--fail-on", "warning")
    assert code == 1 and _unused(report) == [("suppression of XB202", "main.tf", 5, 1)]
