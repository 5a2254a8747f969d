"""Unknown is per element, never per collection (SPEC 9, issue 12 item 3): a data source or a
computed attribute in one element leaves the other attributes and elements known, through
`count`, `for_each`, functions, splats, `for` expressions and conditionals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _cases import write
from exitlint.app import ScanOptions, scan
from exitlint.model import Finding
from exitlint.repositories import Repositories
from exitlint.terraform.files import FileReader
from exitlint.terraform.instances import Limits, ModuleInstance, Project
from exitlint.terraform.values import ResourceRef, Unknown

HEAD = '''
provider "alicloud" {
  region = "cn-shanghai"
}

data "alicloud_vpn_gateways" "gw" {}

resource "alicloud_cen_transit_router_vpc_attachment" "a" {
  vpc_id = "vpc-1"
}

locals {
  peers = [
    { ip = "18.184.10.10", name = "fra" },
    { ip = data.alicloud_vpn_gateways.gw.gateways[0].internet_ip, name = "dyn" },
    { ip = "114.114.114.114", name = alicloud_cen_transit_router_vpc_attachment.a.id },
  ]
  by_name = { for p in local.peers : p.name => p.ip if p.ip != "x" }
}
'''


def _module(tmp_path: Path, body: str) -> ModuleInstance:
    (tmp_path / ".git").mkdir(exist_ok=True)
    write(tmp_path, "main.tf", HEAD + body)
    reader = FileReader(lambda p: p.name)
    source = reader.load_dir(tmp_path)
    assert source is not None
    return ModuleInstance(Project(reader.load_dir, Limits(Repositories.of([tmp_path]))), source, (),
                          None, None, None, {})


def _scan(tmp_path: Path, body: str) -> list[Finding]:
    (tmp_path / ".git").mkdir(exist_ok=True)
    write(tmp_path, "main.tf", HEAD + body)
    return scan(ScanOptions(paths=[tmp_path], base=tmp_path)).findings


def _local(tmp_path: Path, expr: str) -> Any:
    return _module(tmp_path, f"locals {{\n  x = {expr}\n}}\n").local("x")


def _unknown(v: Any) -> bool:
    return isinstance(v, (Unknown, ResourceRef))


def test_one_unknown_attribute_leaves_the_rest_of_the_list_known(tmp_path: Path) -> None:
    peers = _local(tmp_path, "local.peers")
    assert [p["ip"] for p in peers][::2] == ["18.184.10.10", "114.114.114.114"]
    assert _unknown(peers[1]["ip"]) and peers[1]["name"] == "dyn"
    assert _unknown(peers[2]["name"])


@pytest.mark.parametrize(("expr", "expected"), [
    ("length(local.peers)", 3),
    ("local.peers[*].name", ["fra", "dyn", None]),
    ("[for p in local.peers : p.ip][0]", "18.184.10.10"),
    ("element(local.peers, 3).ip", "18.184.10.10"),
    ("concat(local.peers, [{ ip = \"1.1.1.1\" }])[3].ip", "1.1.1.1"),
    ("flatten([local.peers, [[\"x\"]]])[3]", "x"),
    ("flatten([local.peers])[2].ip", "114.114.114.114"),
    ("lookup(merge({ a = data.alicloud_vpn_gateways.gw.id }, { b = \"k\" }), \"b\")", "k"),
    ("keys({ a = data.alicloud_vpn_gateways.gw.id, b = 1 })", ["a", "b"]),
    ("contains(local.peers[*].ip, \"18.184.10.10\")", True),
    ("one([data.alicloud_vpn_gateways.gw.id]) == null", None),
    ("distinct([data.alicloud_vpn_gateways.gw.id, \"a\", \"a\"])[1]", "a"),
    ("compact([data.alicloud_vpn_gateways.gw.id, \"\", \"b\"])[1]", "b"),
    ("reverse(local.peers)[0].ip", "114.114.114.114"),
    ("zipmap([\"a\", \"b\"], [data.alicloud_vpn_gateways.gw.id, 2]).b", 2),
    ("tolist(toset([data.alicloud_vpn_gateways.gw.id, \"z\"]))[1]", "z"),
])
def test_functions_and_splats_keep_the_known_elements(tmp_path: Path, expr: str,
                                                      expected: Any) -> None:
    value = _local(tmp_path, expr)
    if expected is None:
        assert _unknown(value)  # the element read is the unknown one
    elif isinstance(expected, list) and None in expected:
        assert [None if _unknown(v) else v for v in value] == expected
    else:
        assert value == expected


def test_contains_is_unknown_only_when_the_known_elements_do_not_decide(tmp_path: Path) -> None:
    assert _unknown(_local(tmp_path, 'contains(local.peers[*].ip, "8.8.8.8")'))
    assert _local(tmp_path, 'contains(["a", "b"], "c")') is False


def test_a_for_expression_filter_unknown_for_one_element_keeps_the_others(tmp_path: Path) -> None:
    value = _local(tmp_path, '[for p in local.peers : p.ip if p.name != "dyn"]')
    assert len(value) == 2 and value[0] == "18.184.10.10"
    assert isinstance(value[1], Unknown) and "filter is unknown" in value[1].reason
    value = _local(tmp_path, '{ for p in local.peers : p.name => p.ip if p.name != "" }')
    assert isinstance(value, Unknown)  # a key is unknown: which key is which is not known
    by_ip = _local(tmp_path, "local.by_name")
    assert isinstance(by_ip, Unknown)  # [2]'s name (a key) is computed


def test_an_unknown_condition_keeps_what_both_branches_agree_on(tmp_path: Path) -> None:
    value = _local(tmp_path, 'data.alicloud_vpn_gateways.gw.id == "x" ? '
                             '[{ ip = "18.184.10.10", n = 1 }, "a"] : '
                             '[{ ip = "18.184.10.10", n = 2 }, "b"]')
    assert value[0]["ip"] == "18.184.10.10"
    assert _unknown(value[0]["n"]) and _unknown(value[1])
    assert "condition is unknown" in value[1].reason
    assert _unknown(_local(tmp_path, 'data.alicloud_vpn_gateways.gw.id == "x" ? [1] : [1, 2]'))


def test_count_over_a_list_with_one_unknown_element_resolves_every_known_one(
        tmp_path: Path) -> None:
    module = _module(tmp_path, '''
resource "alicloud_vpn_customer_gateway" "peer" {
  count      = length(local.peers)
  ip_address = local.peers[count.index].ip
}
''')
    instances = module.resource_instances("alicloud_vpn_customer_gateway.peer")
    assert [i.key for i in instances] == [0, 1, 2]
    ips = [i.get("ip_address") for i in instances]
    assert ips[0] == "18.184.10.10" and ips[2] == "114.114.114.114" and _unknown(ips[1])


def test_for_each_over_a_map_with_one_unknown_value_yields_the_known_ones(
        tmp_path: Path) -> None:
    module = _module(tmp_path, '''
resource "alicloud_vpn_customer_gateway" "by_map" {
  for_each   = { fra = "18.184.10.10", dyn = data.alicloud_vpn_gateways.gw.id }
  ip_address = each.value
}
''')
    found = {i.key: i.get("ip_address")
             for i in module.resource_instances("alicloud_vpn_customer_gateway.by_map")}
    assert found["fra"] == "18.184.10.10" and _unknown(found["dyn"])
    # a filter unknown for one element: that instance's value is unknown, the others known
    module = _module(tmp_path, '''
resource "alicloud_vpn_customer_gateway" "peer" {
  for_each   = { for p in [local.peers[0], local.peers[1]] : p.name => p.ip if p.ip != "1.1.1.1" }
  ip_address = each.value
}
''')
    found = {i.key: i.get("ip_address")
             for i in module.resource_instances("alicloud_vpn_customer_gateway.peer")}
    assert found["fra"] == "18.184.10.10" and _unknown(found["dyn"])


def test_a_literal_foreign_peer_next_to_a_data_source_element_is_an_error(tmp_path: Path) -> None:
    found = _scan(tmp_path, '''
resource "alicloud_vpn_customer_gateway" "peer" {
  count      = length(local.peers)
  ip_address = local.peers[count.index].ip
}
''')
    [f] = [f for f in found if f.check_id == "XB101"]
    assert f.severity.value == "error"
    assert f.remote is not None and f.remote.value == "18.184.10.10"
    assert "[0]: ip_address 18.184.10.10 is registered to US" in f.message
    assert "[1]: cannot prove" in f.message and "114.114.114.114" not in f.message


def test_a_default_route_to_a_transit_router_attachment_is_no_warning(tmp_path: Path) -> None:
    """The next hop is literally an attachment; another attribute of the list is computed.
    Before: `length()` of the list was unknown, so the route's type was too, and the route was
    reported as "next hop is a VPN gateway"."""
    body = '''
locals {
  routes = [
    { dest = "0.0.0.0/0", type = "%s", hop = alicloud_cen_transit_router_vpc_attachment.a.id },
    { dest = "10.0.0.0/8", type = "Attachment", hop = alicloud_cen_transit_router_vpc_attachment.a.id },
  ]
}

resource "alicloud_route_entry" "default" {
  count                 = length(local.routes)
  route_table_id        = "vtb-1"
  destination_cidrblock = local.routes[count.index].dest
  nexthop_type          = local.routes[count.index].type
  nexthop_id            = local.routes[count.index].hop
}
'''
    assert [f.check_id for f in _scan(tmp_path, body % "Attachment")] == []
    # the same route to a VPN gateway is still reported (its peers are not named)
    assert "XB104" in [f.check_id for f in _scan(tmp_path, body % "VpnGateway")]


def test_a_whole_unknown_list_keeps_its_place_and_the_known_elements(tmp_path: Path) -> None:
    """concat/flatten with a data source's list: the literal elements stay known (and are
    judged); the length and the positions after the unknown list are unknown."""
    dyn = "data.alicloud_vpn_gateways.gw.ids"
    value = _local(tmp_path, f'concat(["18.184.10.10"], {dyn}, ["1.1.1.1"])')
    assert value[0] == "18.184.10.10" and value[2] == "1.1.1.1"
    assert isinstance(value[1], Unknown) and "read from the provider" in value[1].reason
    for expr in (f'length(concat(["a"], {dyn}))', f'concat(["a"], {dyn})[1]',
                 f'element(concat(["a"], {dyn}), 0)', f'slice(concat(["a"], {dyn}, ["b"]), 0, 2)',
                 f'one(concat({dyn}))', f'chunklist(concat(["a"], {dyn}), 1)',
                 f'length(flatten([["a"], {dyn}]))'):
        assert isinstance(_local(tmp_path, expr), Unknown), expr
    assert _local(tmp_path, f'concat(["a"], {dyn})[0]') == "a"  # before the unknown part
    assert _local(tmp_path, f'slice(concat(["a", "b"], {dyn}), 0, 1)') == ["a"]
    assert _local(tmp_path, f'flatten([["a"], {dyn}])')[0] == "a"


def test_a_literal_foreign_cidr_next_to_a_data_source_list_is_judged(tmp_path: Path) -> None:
    found = _scan(tmp_path, '''
resource "alicloud_vpn_customer_gateway" "peer" {
  ip_address = concat(["18.184.10.10"], data.alicloud_vpn_gateways.gw.ids)[0]
}
''')
    [f] = [f for f in found if f.check_id == "XB101"]
    assert f.severity.value == "error" and f.remote is not None
    assert f.remote.value == "18.184.10.10"
