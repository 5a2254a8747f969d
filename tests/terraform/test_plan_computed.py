"""Plan JSON: a value known only after apply is traced through the plan's `configuration`
references to the resource that computes it, which decides its side of the border, as on
source (SPEC §9; tests/terraform/test_regions_computed.py for the source path)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _cases import run_json, write
from _plans import Res, const, plan, refs
from exitlint.terraform.plan_refs import instance_key, narrowest

ALI, TENCENT = {"region": const("cn-shanghai")}, {"region": const("ap-hongkong")}


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: dict[str, Any],
         *args: str) -> dict[str, Any]:
    (tmp_path / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    _, report, _ = run_json(capsys, "plan.json", *args)
    assert report["errors"] == []
    return report


def _xb(report: dict[str, Any], check: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["check_id"] == check]


def _cross_cloud(peer_region: str) -> dict[str, Any]:
    return plan([
        Res("alicloud_vpn_gateway.sh", {"vpc_id": "vpc-1"}, {"internet_ip": True}),
        Res("tencentcloud_vpn_gateway.peer", {"name": "peer"}, {"public_ip_address": True}),
        Res("alicloud_vpn_customer_gateway.to_tencent", {}, {"ip_address": True},
            {"ip_address": refs("tencentcloud_vpn_gateway.peer.public_ip_address")}),
    ], {"alicloud": ALI, "tencentcloud": {"region": const(peer_region)}})


@pytest.mark.parametrize(("peer_region", "expected"), [
    ("ap-hongkong", "error"), ("ap-guangzhou", None)])
def test_address_computed_by_a_resource_of_the_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], peer_region: str,
        expected: str | None) -> None:
    report = _run(capsys, tmp_path, _cross_cloud(peer_region))
    found = _xb(report, "XB101")
    assert [f["severity"] for f in found] == ([expected] if expected else [])
    if found:
        [f] = found
        assert f["remote"]["value"] == "ap-hongkong"
        assert "computed by tencentcloud_vpn_gateway.peer" in f["message"]


EDGE_TF = '''\
resource "huaweicloud_vpc_eip" "gw" {
  publicip {
    type = "5_bgp"
  }
}

output "public_ip" {
  value = huaweicloud_vpc_eip.gw.address
}
'''
ROOT_TF = '''\
provider "huaweicloud" {
  region = "ap-southeast-1"
}
provider "alicloud" {
  region = "cn-hangzhou"
}
module "edge" {
  source = "./edge"
}
resource "alicloud_vpn_customer_gateway" "edge" {
  ip_address = module.edge.public_ip
}
'''


def _through_output(eip_region: str) -> dict[str, Any]:
    return plan([
        Res("module.edge.huaweicloud_vpc_eip.gw", {"publicip": [{"type": "5_bgp"}]},
            {"address": True}),
        Res("alicloud_vpn_customer_gateway.edge", {}, {"ip_address": True},
            {"ip_address": refs("module.edge.public_ip")}),
    ], {"huaweicloud": {"region": const(eip_region)}, "alicloud": {"region": const("cn-hangzhou")}},
        calls={"module.edge": {"source": "./edge", "outputs": {
            "public_ip": refs("huaweicloud_vpc_eip.gw.address")}}})


@pytest.mark.parametrize("with_source", [False, True])
def test_address_computed_in_a_module_and_read_through_its_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], with_source: bool) -> None:
    if with_source:
        write(tmp_path, "main.tf", ROOT_TF)
        write(tmp_path, "edge/main.tf", EDGE_TF)
    report = _run(capsys, tmp_path, _through_output("ap-southeast-1"))
    [f] = _xb(report, "XB101")
    assert f["severity"] == "error" and f["remote"]["class"] == "non-mainland"
    assert "computed by module.edge.huaweicloud_vpc_eip.gw" in f["message"]
    assert "ap-southeast-1" in f["message"]
    if with_source:  # where the finding is, and the output it went through, as on source
        assert (f["file"], f["line"]) == ("main.tf", 10)
        assert {"file": "edge/main.tf", "line": 7,
                "message": "output public_ip of module.edge"} in f["related"]
        _, static, _ = run_json(capsys, "main.tf")
        [s] = _xb(static, "XB101")
        assert (s["file"], s["line"], s["remote"]["value"]) == \
            (f["file"], f["line"], f["remote"]["value"])
    else:
        assert (f["file"], f["line"]) == ("plan.json", 1)


def test_a_mainland_owner_through_a_module_output_is_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _xb(_run(capsys, tmp_path, _through_output("cn-east-3")), "XB101") == []


def _through_argument(key: str = "") -> dict[str, Any]:
    vpn = f'module.vpn{key}'
    return plan([
        Res("tencentcloud_vpn_gateway.peer", {"name": "peer"}, {"public_ip_address": True}),
        Res(f"{vpn}.alicloud_vpn_customer_gateway.peer", {}, {"ip_address": True},
            {"ip_address": refs("var.peer_ip")}),
    ], {"alicloud": ALI, "tencentcloud": TENCENT},
        calls={"module.vpn": {"source": "./vpn", "expressions": {
            "peer_ip": refs("tencentcloud_vpn_gateway.peer.public_ip_address")}}})


@pytest.mark.parametrize("key", ["", '["hk"]', "[0]"])
def test_address_passed_to_a_module_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             key: str) -> None:
    report = _run(capsys, tmp_path, _through_argument(key))
    [f] = _xb(report, "XB101")
    assert f["resource"] == f"module.vpn{key}.alicloud_vpn_customer_gateway.peer"
    assert f["severity"] == "error" and f["remote"]["value"] == "ap-hongkong"
    assert "computed by tencentcloud_vpn_gateway.peer" in f["message"]


def test_module_argument_step_is_related_when_the_source_is_beside_the_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "main.tf", 'module "vpn" {\n  source  = "./vpn"\n'
          '  peer_ip = tencentcloud_vpn_gateway.peer.public_ip_address\n}\n'
          'resource "tencentcloud_vpn_gateway" "peer" {\n  name = "peer"\n}\n')
    write(tmp_path, "vpn/main.tf", 'variable "peer_ip" {}\n'
          'resource "alicloud_vpn_customer_gateway" "peer" {\n  ip_address = var.peer_ip\n}\n')
    [f] = _xb(_run(capsys, tmp_path, _through_argument()), "XB101")
    assert (f["file"], f["line"]) == ("vpn/main.tf", 2)
    assert {"file": "main.tf", "line": 3,
            "message": "argument peer_ip of module.vpn"} in f["related"]


@pytest.mark.parametrize(("region", "expected"), [
    ("ap-southeast-1", "error"), ("cn-east-3", None)])
def test_address_computed_inside_a_nested_block(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                region: str, expected: str | None) -> None:
    doc = plan([
        Res("huaweicloud_vpn_gateway.gw", {"name": "gw", "eip1": [{"id": "eip-1"}]},
            {"eip1": [{"ip_address": True}]}),
        Res("aws_customer_gateway.huawei", {"bgp_asn": "65010", "type": "ipsec.1"},
            {"ip_address": True},
            {"ip_address": refs("huaweicloud_vpn_gateway.gw.eip1[0].ip_address")}),
    ], {"huaweicloud": {"region": const(region)}, "aws": {"region": const("cn-north-1")}})
    report = _run(capsys, tmp_path, doc)
    assert [f["severity"] for f in _xb(report, "XB101")] == ([expected] if expected else [])


@pytest.mark.parametrize(("peer", "expected"), [("ap-east-1", "error"),
                                                ("cn-northwest-1", None)])
def test_region_computed_by_another_resource(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             peer: str, expected: str | None) -> None:
    doc = plan([
        Res("aws_ec2_transit_gateway.peer", {}, {"region": True}, provider="aws.peer"),
        Res("aws_ec2_transit_gateway_peering_attachment.x",
            {"transit_gateway_id": "tgw-1", "peer_transit_gateway_id": "tgw-2"},
            {"peer_region": True}, {"peer_region": refs("aws_ec2_transit_gateway.peer.region")}),
    ], {"aws": {"region": const("cn-north-1")}, "aws.peer": {"region": const(peer)}})
    report = _run(capsys, tmp_path, doc)
    assert [f["severity"] for f in _xb(report, "XB202")] == ([expected] if expected else [])


def test_owner_without_a_region_is_unknown_and_named_with_its_position(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "main.tf", 'provider "alicloud" {\n  region = "cn-shanghai"\n}\n'
          'resource "aws_vpn_connection" "aws" {\n  type = "ipsec.1"\n}\n'
          'resource "alicloud_vpn_customer_gateway" "to_aws" {\n'
          '  ip_address = local.ip\n}\n')
    doc = plan([
        Res("aws_vpn_connection.aws", {"type": "ipsec.1"}, {"tunnel1_address": True}),
        Res("alicloud_vpn_customer_gateway.to_aws", {}, {"ip_address": True},
            {"ip_address": refs("aws_vpn_connection.aws.tunnel1_address", "local.ip")}),
    ], {"alicloud": ALI})
    [f] = _xb(_run(capsys, tmp_path, doc, "--fail-on", "warning"), "XB101")
    # two sources: the value is unknown, and the message names both, the owner with its place
    assert f["severity"] == "warning" and f["remote"]["class"] == "unknown"
    assert "aws_vpn_connection.aws.tunnel1_address, computed by aws_vpn_connection.aws " \
        "(main.tf:4)" in f["message"]
    assert "local.ip (a plan records no locals)" in f["message"]


@pytest.mark.parametrize(("reference", "named"), [
    ("local.peer", "local.peer (a plan records no locals)"),
    ("data.aws_eip.peer.public_ip", "a data source's value is not traced in a plan"),
    ("module.gone.ip", "no single instance of module.gone in the plan"),
    ("aws_eip.missing.public_ip", "aws_eip.missing.public_ip (not a resource instance"),
])
def test_what_a_plan_does_not_trace_is_named(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             reference: str, named: str) -> None:
    doc = plan([Res("aws_customer_gateway.x", {"type": "ipsec.1"}, {"ip_address": True},
                    {"ip_address": refs(reference)})],
               {"aws": {"region": const("cn-north-1")}})
    [f] = _xb(_run(capsys, tmp_path, doc, "--fail-on", "warning"), "XB101")
    assert f["severity"] == "warning" and named in f["message"]
    assert "aws_customer_gateway.x.ip_address is known only after apply" in f["message"]


def test_known_addresses_are_classified_as_planned(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # a value the plan knows is the value: a private or IPv6 address as written
    doc = plan([
        Res("aws_customer_gateway.lan", {"ip_address": "10.1.2.3", "type": "ipsec.1"},
            expressions={"ip_address": refs("aws_eip.x.private_ip")}),
        Res("aws_customer_gateway.v6", {"ip_address": "2a00:1450:4001::1", "type": "ipsec.1"}),
        Res("aws_eip.x", {"private_ip": "10.1.2.3"}),
    ], {"aws": {"region": const("cn-north-1")}})
    report = _run(capsys, tmp_path, doc)
    assert [f["resource"] for f in _xb(report, "XB101")] == ["aws_customer_gateway.v6"]


def test_instance_chosen_by_count_index_is_named_not_guessed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = plan([
        Res("tencentcloud_vpn_gateway.peer[0]", {"name": "peer"}, {"public_ip_address": True}),
        Res("alicloud_vpn_customer_gateway.to_tencent[0]", {}, {"ip_address": True},
            {"ip_address": {"references": ["tencentcloud_vpn_gateway.peer", "count.index"]}}),
    ], {"alicloud": ALI, "tencentcloud": TENCENT})
    [f] = _xb(_run(capsys, tmp_path, doc, "--fail-on", "warning"), "XB101")
    assert f["severity"] == "warning" and "tencentcloud_vpn_gateway.peer[0]" in f["message"]


def test_narrowest_and_instance_key() -> None:
    assert narrowest(["aws_eip.x.public_ip", "aws_eip.x", "count.index"]) == \
        ["aws_eip.x.public_ip", "count.index"]
    assert narrowest(["a.b[0].c", "a.b[0]", "a.b"]) == ["a.b[0].c"]
    assert instance_key('module.x["a"]') == "a" and instance_key("aws_eip.y[1]") == 1
    assert instance_key("module.x") is None
