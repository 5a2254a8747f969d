"""Tencent Cloud targets (checks/terraform/targets/tencentcloud.yaml): region rules and each construct."""

from __future__ import annotations

import pytest
from _cases import findings_of as _hits
from _cases import scan_text as _scan

CGW = '''
{provider}
resource "tencentcloud_vpn_customer_gateway" "peer" {{
  name              = "peer"
  public_ip_address = {ip}
}}
resource "tencentcloud_vpn_connection" "peer" {{
  name                = "peer"
  vpn_gateway_id      = "vpngw-1"
  vpc_id              = "vpc-1"
  customer_gateway_id = tencentcloud_vpn_customer_gateway.peer.id
  pre_share_key       = "x"
}}
'''


def test_default_region_is_guangzhou_mainland(tmp_path):
    r = _scan(tmp_path, CGW.format(provider="", ip='"18.184.10.10"'))
    hits = _hits(r, "XB101", "tencentcloud_vpn_connection.peer")
    assert hits and hits[0].severity.value == "error"
    assert hits[0].local.value == "ap-guangzhou" and hits[0].local.cls.value == "mainland"
    assert hits[0].remote.cls.value == "non-mainland"


def test_mainland_peer_is_compliant(tmp_path):
    r = _scan(tmp_path, CGW.format(provider='provider "tencentcloud" { region = "ap-shanghai" }',
                                   ip='"114.114.114.114"'))
    assert r.findings == []


def test_hong_kong_region_to_mainland_peer_crosses(tmp_path):
    r = _scan(tmp_path, CGW.format(provider='provider "tencentcloud" { region = "ap-hongkong" }',
                                   ip='"223.5.5.5"'))
    hits = _hits(r, "XB101")
    assert {f.resource for f in hits} == {"tencentcloud_vpn_customer_gateway.peer",
                                          "tencentcloud_vpn_connection.peer"}
    assert all(f.severity.value == "error" and f.local.cls.value == "non-mainland" for f in hits)


def test_hong_kong_region_to_hong_kong_peer_is_out_of_scope(tmp_path):
    r = _scan(tmp_path, CGW.format(provider='provider "tencentcloud" { region = "ap-hongkong" }',
                                   ip='"58.176.0.1"'))
    assert r.findings == []


def test_unresolved_peer_variable_warns(tmp_path):
    r = _scan(tmp_path, 'variable "peer_ip" {}\n' + CGW.format(provider="", ip="var.peer_ip"))
    hits = _hits(r, "XB101")
    assert hits and all(f.severity.value == "warning" for f in hits)
    assert all(f.remote.cls.value == "unknown" for f in hits)


def test_provider_alias_region(tmp_path):
    hcl = '''
provider "tencentcloud" { region = "ap-beijing" }
provider "tencentcloud" {
  alias  = "hk"
  region = "ap-hongkong"
}
resource "tencentcloud_vpn_customer_gateway" "peer" {
  provider          = tencentcloud.hk
  name              = "peer"
  public_ip_address = "114.114.114.114"
}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB101")
    assert hits and hits[0].local.value == "ap-hongkong"


def test_region_from_unresolved_variable_is_unknown(tmp_path):
    hcl = 'variable "region" {}\nprovider "tencentcloud" { region = var.region }\n' + \
        CGW.format(provider="", ip='"114.114.114.114"')
    hits = _hits(_scan(tmp_path, hcl), "XB101")
    assert hits and all(f.severity.value == "warning" and f.local.cls.value == "unknown"
                        for f in hits)


ROUTE = '''
provider "tencentcloud" {{ region = "ap-guangzhou" }}
resource "tencentcloud_vpn_customer_gateway" "hub" {{
  name              = "hub"
  public_ip_address = "{ip}"
}}
resource "tencentcloud_vpn_connection" "hub" {{
  name                = "hub"
  vpn_gateway_id      = "vpngw-1"
  vpc_id              = "vpc-1"
  customer_gateway_id = tencentcloud_vpn_customer_gateway.hub.id
  pre_share_key       = "x"
}}
resource "tencentcloud_vpn_gateway_route" "r" {{
  vpn_gateway_id         = "vpngw-1"
  destination_cidr_block = "{dst}"
  instance_type          = "VPNCONN"
  instance_id            = {inst}
  priority               = 100
  status                 = "{status}"
}}
'''


@pytest.mark.parametrize("dst,status,ip,inst,expected", [
    ("0.0.0.0/0", "ENABLE", "8.8.8.8", "tencentcloud_vpn_connection.hub.id", "error"),
    ("0.0.0.0/0", "ENABLE", "223.5.5.5", "tencentcloud_vpn_connection.hub.id", None),
    ("10.0.0.0/8", "ENABLE", "8.8.8.8", "tencentcloud_vpn_connection.hub.id", None),
    ("0.0.0.0/0", "DISABLE", "8.8.8.8", "tencentcloud_vpn_connection.hub.id", None),
    ("0.0.0.0/0", "ENABLE", "8.8.8.8", '"vpnx-5b5dmao3"', "warning"),
])
def test_xb104_default_route_into_tunnel(tmp_path, dst, status, ip, inst, expected):
    r = _scan(tmp_path, ROUTE.format(dst=dst, status=status, ip=ip, inst=inst))
    hits = _hits(r, "XB104")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


def test_xb104_route_table_entry_to_vpn_gateway_warns(tmp_path):
    hcl = '''
resource "tencentcloud_route_table_entry" "default" {
  route_table_id         = "rtb-1"
  destination_cidr_block = "0.0.0.0/0"
  next_type              = "VPN"
  next_hub               = "vpngw-1"
}
resource "tencentcloud_route_table_entry" "nat" {
  route_table_id         = "rtb-1"
  destination_cidr_block = "0.0.0.0/0"
  next_type              = "NAT"
  next_hub               = "nat-1"
}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB104")
    assert [(f.resource, f.severity.value) for f in hits] == [
        ("tencentcloud_route_table_entry.default", "warning")]


@pytest.mark.parametrize("region,dest,expected", [
    ("ap-beijing", "ap-hongkong", "error"),
    ("ap-beijing", "ap-taipei", "error"),
    ("ap-hongkong", "ap-shanghai", "error"),
    ("ap-beijing", "ap-nanjing", None),
    ("ap-singapore", "ap-hongkong", None),
])
def test_xb201_peering(tmp_path, region, dest, expected):
    hcl = f'''
provider "tencentcloud" {{ region = "{region}" }}
resource "tencentcloud_vpc_peer_connect_manager" "p" {{
  source_vpc_id           = "vpc-1"
  peering_connection_name = "p"
  destination_vpc_id      = "vpc-2"
  destination_region      = "{dest}"
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB201")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


def test_xb203_ccn_group_reports_members_across_the_border(tmp_path):
    hcl = '''
resource "tencentcloud_ccn" "a" { name = "a" }
resource "tencentcloud_ccn" "b" { name = "b" }
resource "tencentcloud_ccn_attachment" "sh" {
  ccn_id          = tencentcloud_ccn.a.id
  instance_type   = "VPC"
  instance_id     = "vpc-1"
  instance_region = "ap-shanghai"
}
resource "tencentcloud_ccn_attachment" "hk" {
  ccn_id          = tencentcloud_ccn.a.id
  instance_type   = "VPC"
  instance_id     = "vpc-2"
  instance_region = "ap-hongkong"
}
resource "tencentcloud_ccn_attachment_v2" "bj" {
  ccn_id          = tencentcloud_ccn.b.id
  instance_type   = "VPC"
  instance_id     = "vpc-3"
  instance_region = "ap-beijing"
}
resource "tencentcloud_ccn_attachment" "cd" {
  ccn_id          = tencentcloud_ccn.b.id
  instance_type   = "VPC"
  instance_id     = "vpc-4"
  instance_region = "ap-chengdu"
}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB203")
    assert {f.resource for f in hits} == {"tencentcloud_ccn_attachment.sh",
                                          "tencentcloud_ccn_attachment.hk"}
    assert all(f.severity.value == "error" for f in hits)


@pytest.mark.parametrize("src,dst,expected", [
    ("ap-guangzhou", '"na-siliconvalley"', "error"),
    ("ap-hongkong", '"ap-shenzhen"', "error"),
    ("ap-guangzhou", '"ap-chengdu"', None),
    ("ap-guangzhou", None, None),
])
def test_xb204_ccn_bandwidth_limit(tmp_path, src, dst, expected):
    line = f"dst_region = {dst}" if dst else ""
    hcl = f'''
resource "tencentcloud_ccn_bandwidth_limit" "l" {{
  ccn_id          = "ccn-1"
  region          = "{src}"
  {line}
  bandwidth_limit = 100
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB204")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("ap,op,expected", [
    ("ap-shanghai-b-xh", "InternationalOperator", "error"),
    ("ap-shanghai-b-xh", "ChinaTelecom", None),
    ("ap-shanghai-b-xh", "ChinaOther", None),
    ("ap-hongkong-a-kc", "InternationalOperator", None),
])
def test_xb301_dc_instance_operator(tmp_path, ap, op, expected):
    hcl = f'''
provider "tencentcloud" {{ region = "ap-shanghai" }}
resource "tencentcloud_dc_instance" "l" {{
  direct_connect_name = "l"
  access_point_id     = "{ap}"
  line_operator       = "{op}"
  port_type           = "10GBase-LR"
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB301")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("region,network_region,expected", [
    ("ap-hongkong", '"ap-guangzhou"', "error"),
    ("ap-guangzhou", '"ap-singapore"', "error"),
    ("ap-guangzhou", '"ap-shenzhen"', None),
    ("ap-guangzhou", None, None),
])
def test_xb303_dcx_network_region(tmp_path, region, network_region, expected):
    line = f"network_region = {network_region}" if network_region else ""
    hcl = f'''
provider "tencentcloud" {{ region = "{region}" }}
resource "tencentcloud_dcx" "t" {{
  name   = "t"
  dc_id  = "dc-1"
  dcg_id = "dcg-1"
  vpc_id = "vpc-1"
  {line}
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB303")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("access,real,expected", [
    ("Hongkong", "Beijing", "error"),
    ("Shanghai", "NorthAmerica", "error"),
    ("Taipei", "Guangzhou", "error"),
    ("SouthChina", "NorthChina", None),
    ("Shanghai", "Guangzhou", None),
    ("Hongkong", "SoutheastAsia", None),
    ("Atlantis", "Beijing", "warning"),
])
def test_xb401_gaap_proxy(tmp_path, access, real, expected):
    hcl = f'''
resource "tencentcloud_gaap_proxy" "p" {{
  name              = "p"
  bandwidth         = 10
  concurrent        = 2
  access_region     = "{access}"
  realserver_region = "{real}"
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB401")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("value,expected", [('"Unicom"', "error"), ('"HighQuality"', "error"),
                                            ("var.xb", "warning"), (None, None)])
def test_xb401_ga2_cross_border_type(tmp_path, value, expected):
    line = f"cross_border_type = {value}" if value else ""
    hcl = f'''
variable "xb" {{}}
resource "tencentcloud_ga2_global_accelerator" "a" {{
  name = "a"
  {line}
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB401")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("entry,origin,expected", [
    ("ap-hongkong", "ap-guangzhou", "error"),
    ("ap-shanghai", "eu-frankfurt", "error"),
    ("ap-shanghai", "ap-guangzhou", None),
])
def test_xb401_ga2_entry_vs_endpoint_group(tmp_path, entry, origin, expected):
    hcl = f'''
resource "tencentcloud_ga2_global_accelerator" "a" {{ name = "a" }}
resource "tencentcloud_ga2_accelerate_area" "e" {{
  global_accelerator_id = tencentcloud_ga2_global_accelerator.a.id
  accelerate_region     = "{entry}"
}}
resource "tencentcloud_ga2_endpoint_group" "o" {{
  global_accelerator_id = tencentcloud_ga2_global_accelerator.a.id
  listener_id           = "lis-1"
  endpoint_group_type   = "DEFAULT"
  endpoint_group_configuration {{
    endpoint_group_region = "{origin}"
  }}
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB401")
    assert {f.severity.value for f in hits} == ({expected} if expected else set())


@pytest.mark.parametrize("area,origin,expected", [
    ("overseas", "114.114.114.114", "error"),
    ("global", "114.114.114.114", "error"),
    ("overseas", "origin.example.com", "warning"),
    ("overseas", "18.184.10.10", None),
    ("mainland", "114.114.114.114", None),
])
def test_xb402_cdn_area(tmp_path, area, origin, expected):
    hcl = f'''
resource "tencentcloud_cdn_domain" "d" {{
  domain       = "www.example.com"
  service_type = "web"
  area         = "{area}"
  origin {{
    origin_type = "ip"
    origin_list = ["{origin}"]
  }}
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB402")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("region,expected", [("ap-guangzhou", "warning"), ("ap-hongkong", None)])
def test_xb501_ssl_server(tmp_path, region, expected):
    hcl = f'''
provider "tencentcloud" {{ region = "{region}" }}
resource "tencentcloud_vpn_ssl_server" "s" {{
  vpn_gateway_id      = "vpngw-1"
  ssl_vpn_server_name = "s"
  local_address       = ["10.0.0.0/16"]
  remote_address      = "192.168.100.0/24"
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB501")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize("proto,port,cidr,policy,expected", [
    ("UDP", "500", "18.184.10.10/32", "ACCEPT", "error"),
    ("UDP", "4500", "0.0.0.0/0", "ACCEPT", "warning"),
    ("UDP", "500", "114.114.114.114/32", "ACCEPT", None),
    ("UDP", "500", "18.184.10.10/32", "DROP", None),
    ("TCP", "443", "18.184.10.10/32", "ACCEPT", None),
    ("UDP", "51820", "10.0.0.0/8", "ACCEPT", None),
])
def test_xb601_security_group_rule(tmp_path, proto, port, cidr, policy, expected):
    hcl = f'''
resource "tencentcloud_security_group_rule" "r" {{
  security_group_id = "sg-1"
  type              = "ingress"
  cidr_ip           = "{cidr}"
  ip_protocol       = "{proto}"
  port_range        = "{port}"
  policy            = "{policy}"
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB601")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


def test_xb601_rule_set_egress_and_all_ports(tmp_path):
    hcl = '''
resource "tencentcloud_security_group_rule_set" "s" {
  security_group_id = "sg-1"
  ingress {
    action     = "ACCEPT"
    cidr_block = "0.0.0.0/0"
    protocol   = "ALL"
    port       = "ALL"
  }
  egress {
    action     = "ACCEPT"
    cidr_block = "8.8.8.8/32"
    protocol   = "UDP"
    port       = "1194"
  }
}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB601")
    assert [f.severity.value for f in hits] == ["error"]


@pytest.mark.parametrize("attr,script,expected", [
    ("user_data_raw", "#!/bin/bash\\napt-get install -y wireguard\\n", "warning"),
    ("user_data_raw", "#!/bin/bash\\napt-get install -y nginx\\n", None),
    ("user_data", "IyEvYmluL2Jhc2gKYXB0LWdldCBpbnN0YWxsIC15IHNoYWRvd3NvY2tzLWxpYmV2Cg==", "error"),
])
def test_xb602_user_data(tmp_path, attr, script, expected):
    hcl = f'''
resource "tencentcloud_instance" "vm" {{
  instance_name = "vm"
  image_id      = "img-1"
  {attr} = "{script}"
}}
'''
    hits = _hits(_scan(tmp_path, hcl), "XB602")
    assert [f.severity.value for f in hits] == ([expected] if expected else [])


ROUTE_TO_GATEWAY = '''
provider "tencentcloud" {{ region = "ap-shanghai" }}
resource "tencentcloud_vpn_gateway" "gw" {{
  name      = "gw"
  vpc_id    = "vpc-1"
  bandwidth = 10
}}
resource "tencentcloud_vpn_customer_gateway" "cgw" {{
  name              = "cgw"
  public_ip_address = "{ip}"
}}
resource "tencentcloud_vpn_connection" "c" {{
  name                = "c"
  vpc_id              = "vpc-1"
  vpn_gateway_id      = tencentcloud_vpn_gateway.gw.id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.cgw.id
  pre_share_key       = "x"
}}
resource "tencentcloud_route_table_entry" "default" {{
  route_table_id         = "rtb-1"
  destination_cidr_block = "0.0.0.0/0"
  next_type              = "VPN"
  next_hub               = tencentcloud_vpn_gateway.gw.id
}}
'''


@pytest.mark.parametrize("ip,expected", [("18.184.10.10", ["error"]), ("223.5.5.5", [])])
def test_xb104_route_table_entry_follows_gateway_to_connections(tmp_path, ip, expected):
    hits = _hits(_scan(tmp_path, ROUTE_TO_GATEWAY.format(ip=ip)), "XB104",
                 "tencentcloud_route_table_entry.default")
    assert [f.severity.value for f in hits] == expected
    if expected:
        assert hits[0].remote.value == ip
