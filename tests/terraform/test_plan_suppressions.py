"""Plan JSON: a suppression comment on a `module` block in the `.tf` files beside the plan covers
the findings inside the module it calls, through that call only, as on source. A plan holds no
comments: without the configuration beside it, nothing is suppressed (README "Plans")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _cases import run_json, write
from _plans import Res, const, plan

AWS = {"aws": {"region": const("cn-north-1")}}
CGW = {"bgp_asn": "65010", "ip_address": "18.184.10.10", "type": "ipsec.1"}
VPN_TF = '''\
resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = "18.184.10.10"
  type       = "ipsec.1"
}
'''


def _root(comment: str, source: str = "./vpn") -> str:
    return f'''\
provider "aws" {{
  region = "cn-north-1"
}}

{comment}
module "vpn" {{
  source = "{source}"
}}

module "other" {{
  source = "{source}"
}}
'''


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _doc(source: str = "./vpn") -> dict[str, Any]:
    return plan([Res("module.vpn.aws_customer_gateway.office", CGW),
                 Res("module.other.aws_customer_gateway.office", CGW)], AWS,
                calls={"module.vpn": {"source": source}, "module.other": {"source": source}})


def _scan(capsys: pytest.CaptureFixture[str], tmp_path: Path,
          doc: dict[str, Any]) -> list[tuple[str, str, str, int, bool]]:
    (tmp_path / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    _, report, _ = run_json(capsys, "plan.json", "--fail-on", "warning")
    assert report["errors"] == []
    return [(f["check_id"], f["resource"], f["file"], f["line"], f["suppressed"])
            for f in report["findings"]]


def test_module_block_comment_covers_its_call_only(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "main.tf", _root('# exitlint:ignore XB101 reason="CU-42 leased line"'))
    write(tmp_path, "vpn/main.tf", VPN_TF)
    got = _scan(capsys, tmp_path, _doc())
    assert got == [
        ("XB101", "module.other.aws_customer_gateway.office", "vpn/main.tf", 1, False),
        ("XB101", "module.vpn.aws_customer_gateway.office", "vpn/main.tf", 1, True)]
    # the source scan of the same configuration agrees
    _, static, _ = run_json(capsys, "main.tf")
    assert [(f["resource"], f["suppressed"]) for f in static["findings"]] == \
        [(r, s) for _, r, _, _, s in got]


def test_module_block_comment_covers_a_registry_module(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # the called module is not local (its resources are in the plan only): the comment is in
    # the caller's file beside the plan, so it still applies
    source = "example/vpn/aws"
    write(tmp_path, "main.tf", _root('# exitlint:ignore XB101 reason="CU-42 leased line"',
                                     source))
    got = _scan(capsys, tmp_path, _doc(source))
    assert got == [
        ("XB101", "module.other.aws_customer_gateway.office", "plan.json", 1, False),
        ("XB101", "module.vpn.aws_customer_gateway.office", "plan.json", 1, True)]


def test_comment_on_an_outer_module_covers_the_modules_it_calls(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "main.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n'
          '# exitlint:ignore XB101 reason="CU-42"\nmodule "site" {\n  source = "./site"\n}\n')
    write(tmp_path, "site/main.tf", 'module "vpn" {\n  source = "../vpn"\n}\n')
    write(tmp_path, "vpn/main.tf", VPN_TF)
    doc = plan([Res('module.site.module.vpn.aws_customer_gateway.office', CGW)], AWS,
               calls={"module.site": {"source": "./site"},
                      "module.site.module.vpn": {"source": "../vpn"}})
    assert _scan(capsys, tmp_path, doc) == [
        ("XB101", "module.site.module.vpn.aws_customer_gateway.office", "vpn/main.tf", 1, True)]


def test_unused_module_comment_is_reported_at_the_comment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "main.tf", _root('# exitlint:ignore XB201 reason="not this one"'))
    write(tmp_path, "vpn/main.tf", VPN_TF)
    got = _scan(capsys, tmp_path, _doc())
    assert ("XB910", "suppression of XB201", "main.tf", 5, False) in got
    assert [s for c, _, _, _, s in got if c == "XB101"] == [False, False]


def test_without_the_configuration_beside_the_plan_nothing_is_suppressed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "infra/main.tf", _root('# exitlint:ignore XB101 reason="CU-42 leased line"'))
    write(tmp_path, "infra/vpn/main.tf", VPN_TF)
    # the plan saved elsewhere: a plan holds no comments, so none applies (README "Plans")
    got = _scan(capsys, tmp_path, _doc())
    assert got == [
        ("XB101", "module.other.aws_customer_gateway.office", "plan.json", 1, False),
        ("XB101", "module.vpn.aws_customer_gateway.office", "plan.json", 1, False)]
