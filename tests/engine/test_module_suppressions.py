"""A suppression comment above (or inside) a `module` block covers the findings inside the
module it calls, through that call only (issue 12 item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import DOMESTIC_PEER, cgw, project, run_json, write

MODULE = 'variable "peer" {}\n' + cgw(peer="${var.peer}").replace(
    'provider "aws" {\n  region = "cn-north-1"\n}\n', "")

ROOT = """\
provider "aws" {
  region = "cn-north-1"
}

%(comment)s
module "office" {
  source = "./modules/vpn"
  peer   = "18.184.10.10"
}

module "branch" {
  source = "./modules/vpn"
  peer   = "%(branch)s"
}
"""


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _scan(tmp_path: Path, capsys: pytest.CaptureFixture[str], comment: str,
          branch: str = "18.184.10.11") -> tuple[int, dict]:  # type: ignore[type-arg]
    project(tmp_path, ROOT % {"comment": comment, "branch": branch})
    write(tmp_path, "modules/vpn/main.tf", MODULE)
    code, report, _ = run_json(capsys, ".")
    return code, report


def _by_resource(report: dict) -> dict[str, bool]:  # type: ignore[type-arg]
    return {f["resource"]: f["suppressed"] for f in report["findings"]
            if f["check_id"] == "XB101"}


def test_comment_above_module_block_covers_that_call_only(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _scan(tmp_path, capsys,
                         '# exitlint:ignore XB101 reason="leased via CU contract 42"')
    assert _by_resource(report) == {
        "module.office.aws_customer_gateway.office": True,
        "module.branch.aws_customer_gateway.office": False}
    office = next(f for f in report["findings"] if f["resource"].startswith("module.office"))
    assert office["suppression_reason"] == "leased via CU contract 42"
    assert code == 1  # the branch call still fails the run
    code, report = _scan(tmp_path, capsys,
                         '# exitlint:ignore XB101 reason="leased via CU contract 42"',
                         branch=DOMESTIC_PEER)
    assert code == 0 and _by_resource(report) == {
        "module.office.aws_customer_gateway.office": True}


def test_without_comment_both_calls_report(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _scan(tmp_path, capsys, "")
    assert code == 1 and set(_by_resource(report).values()) == {False}
    assert len(_by_resource(report)) == 2


def test_other_check_id_hides_nothing(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _scan(tmp_path, capsys, '# exitlint:ignore XB102 reason="other"')
    assert code == 1 and set(_by_resource(report).values()) == {False}


def test_hygiene_is_reported_at_the_module_call(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A module-call suppression without a reason hides nothing and is XB903 at the comment,
    in the caller's file, once."""
    code, report = _scan(tmp_path, capsys, "# exitlint:ignore XB101")
    assert code == 1 and set(_by_resource(report).values()) == {False}
    hygiene = [(f["check_id"], f["file"], f["line"]) for f in report["findings"]
               if f["check_id"].startswith("XB9")]
    assert hygiene == [("XB903", "main.tf", 5)]


def test_nested_module_calls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A suppression on an outer call covers the modules its module calls in turn."""
    project(tmp_path, 'provider "aws" {\n  region = "cn-north-1"\n}\n\n'
            '# exitlint:ignore XB101 reason="approved by the network team"\n'
            'module "edge" {\n  source = "./modules/edge"\n}\n')
    write(tmp_path, "modules/edge/main.tf",
          'module "vpn" {\n  source = "../vpn"\n  peer   = "18.184.10.10"\n}\n')
    write(tmp_path, "modules/vpn/main.tf", MODULE)
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and _by_resource(report) == {
        "module.edge.module.vpn.aws_customer_gateway.office": True}


def test_inner_comment_inside_module_block(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, ROOT.replace(
        '  peer   = "18.184.10.10"',
        '  # exitlint:ignore XB101 reason="lab line"\n  peer   = "18.184.10.10"')
        % {"comment": "", "branch": DOMESTIC_PEER})
    write(tmp_path, "modules/vpn/main.tf", MODULE)
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and _by_resource(report) == {
        "module.office.aws_customer_gateway.office": True}
