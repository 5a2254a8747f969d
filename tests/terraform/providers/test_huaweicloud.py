"""Huawei Cloud targets (checks/terraform/targets/huaweicloud.yaml): region rules and each construct."""

from __future__ import annotations

import pytest
from _cases import findings_of as _hits
from _cases import scan_text as _scan


def _sev(result, check_id: str):
    return [f.severity.value for f in _hits(result, check_id)]


VPN = '''
{provider}
resource "huaweicloud_vpn_customer_gateway" "peer" {{
  name     = "peer"
  id_value = {ip}
}}
resource "huaweicloud_vpn_connection" "peer" {{
  {region}
  name                = "peer"
  gateway_id          = "gw-1"
  gateway_ip          = "eip-1"
  customer_gateway_id = huaweicloud_vpn_customer_gateway.peer.id
  peer_subnets        = ["192.168.0.0/16"]
  vpn_type            = "static"
  psk                 = "x"
}}
'''


def test_no_default_region_is_unknown(tmp_path):
    r = _scan(tmp_path, VPN.format(provider="", region="", ip='"114.114.114.114"'))
    hits = _hits(r, "XB101")
    assert hits and all(f.severity.value == "warning" and f.local.cls.value == "unknown"
                        for f in hits)


def test_policy_default_region(tmp_path):
    (tmp_path / ".exitlint.yaml").write_text("version: 1\ndefault_region: cn-north-4\n")
    r = _scan(tmp_path, VPN.format(provider="", region="", ip='"18.184.10.10"'))
    assert set(_sev(r, "XB101")) == {"error"}


def test_mainland_provider_foreign_peer_is_error(tmp_path):
    r = _scan(tmp_path, VPN.format(provider='provider "huaweicloud" { region = "cn-east-3" }',
                                   region="", ip='"18.184.10.10"'))
    hits = _hits(r, "XB101")
    assert {f.resource for f in hits} == {"huaweicloud_vpn_customer_gateway.peer",
                                          "huaweicloud_vpn_connection.peer"}
    assert all(f.severity.value == "error" for f in hits)


def test_mainland_peer_is_compliant(tmp_path):
    r = _scan(tmp_path, VPN.format(provider='provider "huaweicloud" { region = "cn-east-3" }',
                                   region="", ip='"223.5.5.5"'))
    assert r.findings == []


def test_per_resource_region_wins_hong_kong(tmp_path):
    r = _scan(tmp_path, VPN.format(provider='provider "huaweicloud" { region = "cn-east-3" }',
                                   region='region = "ap-southeast-1"', ip='"114.114.114.114"'))
    hits = _hits(r, "XB101")
    assert [f.resource for f in hits] == ["huaweicloud_vpn_connection.peer"]
    assert hits[0].severity.value == "error"
    assert hits[0].local.value == "ap-southeast-1" and hits[0].local.cls.value == "non-mainland"


def test_hong_kong_provider_with_mainland_resource_region(tmp_path):
    r = _scan(tmp_path, VPN.format(provider='provider "huaweicloud" { region = "ap-southeast-1" }',
                                   region='region = "cn-north-4"', ip='"58.176.0.1"'))
    hits = _hits(r, "XB101")
    assert [f.resource for f in hits] == ["huaweicloud_vpn_connection.peer"]


def test_unresolved_peer_variable_warns(tmp_path):
    hcl = 'variable "peer" {}\n' + VPN.format(
        provider='provider "huaweicloud" { region = "cn-east-3" }', region="", ip="var.peer")
    assert set(_sev(_scan(tmp_path, hcl), "XB101")) == {"warning"}


def test_peer_variable_from_tfvars(tmp_path):
    hcl = 'variable "peer" {}\n' + VPN.format(
        provider='provider "huaweicloud" { region = "cn-east-3" }', region="", ip="var.peer")
    r = _scan(tmp_path, hcl, tfvars='peer = "18.184.10.10"\n')
    assert set(_sev(r, "XB101")) == {"error"}


def test_fqdn_customer_gateway_is_unknown(tmp_path):
    hcl = '''
provider "huaweicloud" { region = "cn-east-3" }
resource "huaweicloud_vpn_customer_gateway" "peer" {
  name     = "peer"
  id_type  = "fqdn"
  id_value = "vpn.example.com"
}
'''
    assert _sev(_scan(tmp_path, hcl), "XB101") == ["warning"]


def test_vpnaas_site_connection(tmp_path):
    hcl = '''
provider "huaweicloud" { region = "cn-north-4" }
resource "huaweicloud_vpnaas_site_connection_v2" "c" {
  name           = "c"
  ikepolicy_id   = "ike-1"
  ipsecpolicy_id = "ipsec-1"
  vpnservice_id  = "svc-1"
  psk            = "x"
  peer_address   = "8.8.8.8"
  peer_id        = "8.8.8.8"
}
'''
    assert _sev(_scan(tmp_path, hcl), "XB101") == ["error"]


@pytest.mark.parametrize("dest,type_,expected", [
    ("0.0.0.0/0", "vpn", "warning"),
    ("0.0.0.0/0", "nat", None),
    ("10.0.0.0/8", "vpn", None),
])
def test_xb104_vpc_route(tmp_path, dest, type_, expected):
    hcl = f'''
provider "huaweicloud" {{ region = "cn-north-4" }}
resource "huaweicloud_vpc_route" "r" {{
  vpc_id      = "vpc-1"
  destination = "{dest}"
  type        = "{type_}"
  nexthop     = "gw-1"
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB104") == ([expected] if expected else [])


@pytest.mark.parametrize("peer_region,expected", [
    ('region = "ap-southeast-1"', "error"),
    ('region = "cn-east-3"', None),
    ("", None),
])
def test_xb201_peering(tmp_path, peer_region, expected):
    hcl = f'''
provider "huaweicloud" {{ region = "cn-north-4" }}
resource "huaweicloud_vpc" "a" {{
  name = "a"
  cidr = "10.0.0.0/16"
}}
resource "huaweicloud_vpc" "b" {{
  {peer_region}
  name = "b"
  cidr = "10.1.0.0/16"
}}
resource "huaweicloud_vpc_peering_connection" "p" {{
  name        = "p"
  vpc_id      = huaweicloud_vpc.a.id
  peer_vpc_id = huaweicloud_vpc.b.id
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB201") == ([expected] if expected else [])


def test_xb201_same_provider_unknown_region_is_silent(tmp_path):
    hcl = '''
variable "region" {}
provider "huaweicloud" { region = var.region }
resource "huaweicloud_vpc" "a" {
  name = "a"
  cidr = "10.0.0.0/16"
}
resource "huaweicloud_vpc" "b" {
  name = "b"
  cidr = "10.1.0.0/16"
}
resource "huaweicloud_vpc_peering_connection" "p" {
  name        = "p"
  vpc_id      = huaweicloud_vpc.a.id
  peer_vpc_id = huaweicloud_vpc.b.id
}
'''
    assert _scan(tmp_path, hcl).findings == []


@pytest.mark.parametrize("r2,expected", [("ap-southeast-1", "error"), ("cn-east-3", None),
                                         ("var.r2", "warning")])
def test_xb203_cc_network_instances(tmp_path, r2, expected):
    value = r2 if r2.startswith("var.") else f'"{r2}"'
    hcl = f'''
variable "r2" {{}}
resource "huaweicloud_cc_connection" "c" {{ name = "c" }}
resource "huaweicloud_cc_network_instance" "a" {{
  cloud_connection_id = huaweicloud_cc_connection.c.id
  type                = "vpc"
  instance_id         = "vpc-1"
  project_id          = "p1"
  region_id           = "cn-north-4"
}}
resource "huaweicloud_cc_network_instance" "b" {{
  cloud_connection_id = huaweicloud_cc_connection.c.id
  type                = "vpc"
  instance_id         = "vpc-2"
  project_id          = "p2"
  region_id           = {value}
}}
'''
    sev = _sev(_scan(tmp_path, hcl), "XB203")
    assert sev == ([expected, expected] if expected else [])


@pytest.mark.parametrize("r2,expected", [("ap-southeast-3", "error"), ("cn-south-1", None)])
def test_xb203_central_network_policy(tmp_path, r2, expected):
    hcl = f'''
resource "huaweicloud_cc_central_network_policy" "p" {{
  central_network_id = "cn-1"
  er_instances {{
    project_id           = "p1"
    region_id            = "cn-north-4"
    enterprise_router_id = "er-1"
  }}
  er_instances {{
    project_id           = "p2"
    region_id            = "{r2}"
    enterprise_router_id = "er-2"
  }}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB203") == ([expected] if expected else [])


@pytest.mark.parametrize("er,gdgw,expected", [("cn-north-4", "ap-southeast-1", "error"),
                                              ("cn-north-4", "cn-east-3", None)])
def test_xb203_central_network_attachment(tmp_path, er, gdgw, expected):
    hcl = f'''
resource "huaweicloud_cc_central_network_attachment" "a" {{
  name                        = "a"
  central_network_id          = "cn-1"
  enterprise_router_id        = "er-1"
  enterprise_router_project_id = "p1"
  enterprise_router_region_id = "{er}"
  global_dc_gateway_id        = "gdgw-1"
  global_dc_gateway_project_id = "p1"
  global_dc_gateway_region_id = "{gdgw}"
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB203") == ([expected] if expected else [])


@pytest.mark.parametrize("local,remote,expected", [
    ("Chinese-Mainland", "Asia-Pacific", "error"),
    ("Africa", "Chinese-Mainland", "error"),
    ("Chinese-Mainland", "Chinese-Mainland", None),
    ("Asia-Pacific", "Africa", None),
])
def test_xb204_bandwidth_package(tmp_path, local, remote, expected):
    hcl = f'''
resource "huaweicloud_cc_bandwidth_package" "b" {{
  name           = "b"
  local_area_id  = "{local}"
  remote_area_id = "{remote}"
  charge_mode    = "bandwidth"
  billing_mode   = 3
  bandwidth      = 10
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB204") == ([expected] if expected else [])


@pytest.mark.parametrize("ids,expected", [
    ('["cn-north-4", "ap-southeast-1"]', "error"),
    ('["ap-southeast-3", "cn-south-1"]', "error"),
    ('["cn-north-4", "cn-east-3"]', None),
])
def test_xb204_inter_region_bandwidth(tmp_path, ids, expected):
    hcl = f'''
resource "huaweicloud_cc_inter_region_bandwidth" "b" {{
  cloud_connection_id  = "cc-1"
  bandwidth_package_id = "bwp-1"
  bandwidth            = 5
  inter_region_ids     = {ids}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB204") == ([expected] if expected else [])


@pytest.mark.parametrize("value,tfvars,expected", [
    ("true", None, "error"),
    ("false", None, None),
    ("var.bc", "bc = true\n", "error"),
    ("var.bc", "bc = false\n", None),
])
def test_xb204_global_connection_bandwidth_bordercross(tmp_path, value, tfvars, expected):
    hcl = f'''
variable "bc" {{ type = bool }}
resource "huaweicloud_cc_global_connection_bandwidth" "g" {{
  name        = "g"
  type        = "TrsArea"
  bordercross = {value}
  charge_mode = "bwd"
  size        = 10
}}
'''
    assert _sev(_scan(tmp_path, hcl, tfvars), "XB204") == ([expected] if expected else [])


@pytest.mark.parametrize("own,peer,expected", [("cn-north-4", "ap-southeast-3", "error"),
                                               ("ap-southeast-1", "cn-east-3", "error"),
                                               ("cn-north-4", "cn-east-3", None)])
def test_xb303_gdgw_peer_link(tmp_path, own, peer, expected):
    hcl = f'''
provider "huaweicloud" {{ region = "{own}" }}
resource "huaweicloud_dc_global_gateway_peer_link" "l" {{
  name                 = "l"
  global_dc_gateway_id = "gdgw-1"
  peer_site {{
    gateway_id = "er-1"
    project_id = "p1"
    region_id  = "{peer}"
  }}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB303") == ([expected] if expected else [])


def test_xb303_gdgw_group_with_virtual_interface(tmp_path):
    hcl = '''
provider "huaweicloud" { region = "ap-southeast-1" }
resource "huaweicloud_dc_global_gateway" "g" { name = "g" }
resource "huaweicloud_dc_virtual_interface" "hk_line" {
  direct_connect_id = "dc-1"
  name              = "hk-line"
  type              = "private"
  route_mode        = "bgp"
  vlan              = 100
  bandwidth         = 100
  service_type      = "GDGW"
  gateway_id        = huaweicloud_dc_global_gateway.g.id
  remote_ep_group   = ["10.10.0.0/16"]
}
resource "huaweicloud_dc_global_gateway_peer_link" "l" {
  region               = "ap-southeast-1"
  name                 = "l"
  global_dc_gateway_id = huaweicloud_dc_global_gateway.g.id
  peer_site {
    gateway_id = "er-1"
    project_id = "p1"
    region_id  = "cn-north-4"
  }
}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB303")
    assert {f.resource for f in hits} == {"huaweicloud_dc_virtual_interface.hk_line",
                                          "huaweicloud_dc_global_gateway_peer_link.l"}
    assert all(f.severity.value == "error" for f in hits)


def test_xb301_hosted_connect_warns(tmp_path):
    hcl = '''
provider "huaweicloud" { region = "cn-north-4" }
resource "huaweicloud_dc_hosted_connect" "h" {
  name               = "h"
  bandwidth          = 100
  hosting_id         = "dc-1"
  vlan               = 100
  resource_tenant_id = "t1"
  peer_location      = "Frankfurt"
}
'''
    assert _sev(_scan(tmp_path, hcl), "XB301") == ["warning"]


@pytest.mark.parametrize("area,origin,expected", [
    ("outside_mainland_china", "114.114.114.114", "error"),
    ("global", "114.114.114.114", "error"),
    ("outside_mainland_china", "origin.example.com", "warning"),
    ("outside_mainland_china", "58.176.0.1", None),
    ("mainland_china", "114.114.114.114", None),
])
def test_xb402_cdn_service_area(tmp_path, area, origin, expected):
    hcl = f'''
resource "huaweicloud_cdn_domain" "d" {{
  name         = "www.example.com"
  type         = "web"
  service_area = "{area}"
  sources {{
    origin      = "{origin}"
    origin_type = "ipaddr"
    active      = 1
  }}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB402") == ([expected] if expected else [])


@pytest.mark.parametrize("region,expected", [("cn-north-4", "warning"), ("ap-southeast-1", None)])
def test_xb501_vpn_server(tmp_path, region, expected):
    hcl = f'''
resource "huaweicloud_vpn_server" "s" {{
  region        = "{region}"
  p2c_vgw_id    = "p2c-1"
  local_subnets = ["10.0.0.0/16"]
  client_cidr   = "192.168.100.0/22"
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB501") == ([expected] if expected else [])


@pytest.mark.parametrize("body,expected", [
    ('protocol = "udp"\n port_range_min = 500\n port_range_max = 500\n remote_ip_prefix = "18.184.10.10/32"', "error"),
    ('protocol = "udp"\n ports = "500,4500"\n remote_ip_prefix = "8.8.8.8/32"', "error"),
    ('protocol = "udp"\n ports = "51820"\n remote_ip_prefix = "0.0.0.0/0"', "warning"),
    ('protocol = "udp"\n port_range_min = 4500\n port_range_max = 4500', "warning"),
    ('protocol = "udp"\n ports = "1194"', "warning"),
    ('protocol = "udp"\n ports = "500"\n remote_group_id = "sg-2"', None),
    ('protocol = "udp"\n ports = "500"\n remote_ip_prefix = "223.5.5.5/32"', None),
    ('protocol = "udp"\n ports = "500"\n action = "deny"\n remote_ip_prefix = "8.8.8.8/32"', None),
    ('protocol = "tcp"\n ports = "443"\n remote_ip_prefix = "8.8.8.8/32"', None),
    ('remote_ip_prefix = "0.0.0.0/0"', None),
])
def test_xb601_secgroup_rule(tmp_path, body, expected):
    hcl = f'''
provider "huaweicloud" {{ region = "cn-south-1" }}
resource "huaweicloud_networking_secgroup_rule" "r" {{
  security_group_id = "sg-1"
  direction         = "ingress"
  ethertype         = "IPv4"
  {body}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB601") == ([expected] if expected else [])


@pytest.mark.parametrize("script,expected", [
    ("#!/bin/bash\\npip3 install shadowsocks\\nssserver -d start\\n", "error"),
    ("#!/bin/bash\\nyum install -y nginx\\n", None),
])
def test_xb602_user_data(tmp_path, script, expected):
    hcl = f'''
provider "huaweicloud" {{ region = "cn-north-4" }}
resource "huaweicloud_compute_instance" "vm" {{
  name      = "vm"
  user_data = "{script}"
  network {{ uuid = "net-1" }}
}}
resource "huaweicloud_as_configuration" "cfg" {{
  scaling_configuration_name = "cfg"
  instance_config {{
    image     = "img-1"
    user_data = "{script}"
  }}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB602") == ([expected, expected] if expected else [])


@pytest.mark.parametrize("region,sdc,expected", [
    ("cn-north-4", "false", "info"),
    ("cn-north-4", "true", None),
    ("ap-southeast-1", "false", None),
])
def test_xb603_source_dest_check(tmp_path, region, sdc, expected):
    hcl = f'''
resource "huaweicloud_compute_instance" "vm" {{
  region = "{region}"
  name   = "vm"
  network {{
    uuid              = "net-1"
    source_dest_check = {sdc}
  }}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB603") == ([expected] if expected else [])


ROUTE_TO_GATEWAY = '''
provider "huaweicloud" {{ region = "cn-north-4" }}
resource "huaweicloud_vpn_gateway" "gw" {{
  name   = "gw"
  vpc_id = "vpc-1"
}}
resource "huaweicloud_vpn_customer_gateway" "cgw" {{
  name     = "cgw"
  id_value = "{ip}"
}}
resource "huaweicloud_vpn_connection" "c" {{
  name                = "c"
  gateway_id          = huaweicloud_vpn_gateway.gw.id
  gateway_ip          = "eip-1"
  customer_gateway_id = huaweicloud_vpn_customer_gateway.cgw.id
  peer_subnets        = ["192.168.0.0/16"]
  vpn_type            = "static"
  psk                 = "x"
}}
resource "huaweicloud_vpc_route" "default" {{
  vpc_id      = "vpc-1"
  destination = "0.0.0.0/0"
  type        = "vpn"
  nexthop     = huaweicloud_vpn_gateway.gw.id
}}
'''


@pytest.mark.parametrize("ip,expected", [("18.184.10.10", ["error"]), ("223.5.5.5", [])])
def test_xb104_vpc_route_follows_gateway_to_connections(tmp_path, ip, expected):
    hits = _hits(_scan(tmp_path, ROUTE_TO_GATEWAY.format(ip=ip)), "XB104",
                 "huaweicloud_vpc_route.default")
    assert [f.severity.value for f in hits] == expected


def test_xb204_bordercross_unknown_downgrades_to_warning(tmp_path):
    """bordercross = var.bc with no value: the condition cannot be decided, so a warning."""
    hcl = '''
variable "bc" { type = bool }
resource "huaweicloud_cc_global_connection_bandwidth" "g" {
  name        = "g"
  type        = "TrsArea"
  bordercross = var.bc
  charge_mode = "bwd"
  size        = 10
}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB204")
    assert [f.severity.value for f in hits] == ["warning"]
    assert "bordercross is unknown" in hits[0].message


GA = '''
resource "huaweicloud_ga_accelerator" "acc" {{
  name = "acc"
  ip_sets {{
    area = "{area}"
  }}
}}
resource "huaweicloud_ga_listener" "l" {{
  accelerator_id = huaweicloud_ga_accelerator.acc.id
  name           = "l"
  protocol       = "TCP"
  port_ranges {{
    from_port = 443
    to_port   = 443
  }}
}}
resource "huaweicloud_ga_endpoint_group" "eg" {{
  name      = "eg"
  region_id = "{region}"
  listeners {{
    id = huaweicloud_ga_listener.l.id
  }}
}}
'''


@pytest.mark.parametrize("area,region,expected", [
    ("OUTOFCM", "cn-north-4", "error"),
    ("CM", "ap-southeast-1", "error"),
    ("CM", "cn-east-3", None),
    ("OUTOFCM", "ap-southeast-3", None),
])
def test_xb401_ga_area_against_endpoint_group_region(tmp_path, area, region, expected):
    r = _scan(tmp_path, GA.format(area=area, region=region))
    hits = _hits(r, "XB401")
    if expected is None:
        assert r.findings == []
    else:
        assert {f.resource: f.severity.value for f in hits} == {
            "huaweicloud_ga_accelerator.acc": expected, "huaweicloud_ga_endpoint_group.eg": expected}


def test_xb401_ga_endpoint_groups_of_another_accelerator_do_not_mix(tmp_path):
    two = GA.format(area="OUTOFCM", region="ap-southeast-3") + GA.format(
        area="CM", region="cn-north-4").replace('"acc"', '"acc2"').replace('"l"', '"l2"').replace(
        '"eg"', '"eg2"').replace("accelerator.acc.", "accelerator.acc2.").replace(
        "listener.l.", "listener.l2.")
    assert _scan(tmp_path, two).findings == []


@pytest.mark.parametrize("body,expected", [
    ('protocol = "gre"', "warning"),
    ('protocol = "udp"\n ports = "500,4500"\n remote_address_group_id = "ag-1"', None),
    ('protocol = "udp"\n ports = "51820"\n direction = "egress"', "warning"),
    ('protocol = "tcp"\n ports = "443"', None),
])
def test_xb601_missing_remote_prefix_is_anywhere(tmp_path, body, expected):
    hcl = f'''
provider "huaweicloud" {{ region = "cn-south-1" }}
resource "huaweicloud_networking_secgroup_rule" "r" {{
  security_group_id = "sg-1"
  ethertype         = "IPv4"
  {body}
}}
'''
    assert _sev(_scan(tmp_path, hcl), "XB601") == ([expected] if expected else [])
