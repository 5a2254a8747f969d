"""Long-tail Chinese clouds: ksyun (Kingsoft) and ucloud. No default region on either."""

from __future__ import annotations

from _cases import findings_of as _hits
from _cases import scan_text as _scan

KS_VPN = '''
%s
resource "ksyun_vpn_customer_gateway" "cg" {
  customer_gateway_name = "office"
  customer_gateway_address = "%s"
  ha_customer_gateway_address = "%s"
}
resource "ksyun_vpn_tunnel" "t" {
  type = "RouteIpsec"
  vpn_gateway_id = "vgw-1"
  customer_gateway_id = ksyun_vpn_customer_gateway.cg.id
  pre_shared_key = "x"
}
resource "ksyun_vpn_gateway_route" "r" {
  vpn_gateway_id = "vgw-1"
  destination_cidr_block = "0.0.0.0/0"
  next_hop_type = "vpn_tunnel"
  next_hop_instance_id = ksyun_vpn_tunnel.t.id
}
'''
KS_PROVIDER = 'provider "ksyun" {\n  region = "%s"\n}'


def test_ksyun_vpn(tmp_path):
    result = _scan(tmp_path, KS_VPN % (KS_PROVIDER % "cn-beijing-6", "114.114.114.114", "18.184.10.10"))
    hits = _hits(result, "XB101")
    assert {f.resource for f in hits} == {"ksyun_vpn_customer_gateway.cg", "ksyun_vpn_tunnel.t"}
    assert all(f.severity.value == "error" for f in hits)
    assert _scan(tmp_path, KS_VPN % (KS_PROVIDER % "cn-beijing-6", "114.114.114.114",
                                      "223.5.5.5")).findings == []


def test_ksyun_default_route_into_tunnel(tmp_path):
    result = _scan(tmp_path, KS_VPN % (KS_PROVIDER % "cn-shanghai-2", "8.8.8.8", "8.8.4.4"))
    [hit] = _hits(result, "XB104")
    assert hit.severity.value == "error" and hit.resource == "ksyun_vpn_gateway_route.r"


def test_ksyun_hong_kong_lookalike_and_no_default_region(tmp_path):
    hits = _hits(_scan(tmp_path, KS_VPN % (KS_PROVIDER % "cn-hongkong-2", "114.114.114.114",
                                            "223.5.5.5")), "XB101")
    assert hits and all(f.local.cls.value == "non-mainland" and f.severity.value == "error"
                        for f in hits)
    hits = _hits(_scan(tmp_path, KS_VPN % ("", "18.184.10.10", "18.184.10.11")), "XB101")
    assert hits and all(f.severity.value == "warning" for f in hits)


def test_ksyun_security_group_entry_direction(tmp_path):
    text = KS_PROVIDER % "cn-beijing-6" + '''
resource "ksyun_security_group_entry" "e" {
  security_group_id = "sg-1"
  direction = "%s"
  protocol = "udp"
  port_range_from = 1701
  port_range_to = 1701
  cidr_block = "%s"
}
'''
    [hit] = _hits(_scan(tmp_path, text % ("out", "18.184.0.0/16")), "XB601")
    assert hit.severity.value == "error" and "egress" in hit.message
    [hit] = _hits(_scan(tmp_path, text % ("in", "0.0.0.0/0")), "XB601")
    assert hit.severity.value == "warning" and "ingress" in hit.message
    assert _scan(tmp_path, text % ("in", "10.0.0.0/8")).findings == []


UC = 'provider "ucloud" {\n  region = "%s"\n  project_id = "org-1"\n}\n'


def test_ucloud_vpc_peering(tmp_path):
    text = UC % "cn-bj2" + 'resource "ucloud_vpc_peering_connection" "p" {\n  vpc_id = "a"\n' \
        '  peer_vpc_id = "b"\n  %s\n}\n'
    [hit] = _hits(_scan(tmp_path, text % 'peer_region = "hk"'), "XB201")
    assert hit.severity.value == "error"
    [hit] = _hits(_scan(tmp_path, text % 'peer_region = "tw-tp"'), "XB201")
    assert hit.severity.value == "error"
    assert _scan(tmp_path, text % 'peer_region = "cn-sh2"').findings == []
    assert _scan(tmp_path, text % "").findings == []


def test_ucloud_udpn(tmp_path):
    text = UC + 'resource "ucloud_udpn_connection" "u" {\n  peer_region = "%s"\n}\n'
    [hit] = _hits(_scan(tmp_path, text % ("cn-sh2", "ge-fra")), "XB303")
    assert hit.severity.value == "error"
    [hit] = _hits(_scan(tmp_path, text % ("hk", "cn-gd")), "XB303")
    assert hit.local.cls.value == "non-mainland" and hit.severity.value == "error"
    assert _scan(tmp_path, text % ("cn-bj2", "cn-sh2")).findings == []
    assert _scan(tmp_path, text % ("hk", "sg")).findings == []


def test_ucloud_vpn_and_no_default_region(tmp_path):
    text = '''%s
resource "ucloud_vpn_customer_gateway" "cg" { ip_address = "%s" }
resource "ucloud_vpn_connection" "c" {
  vpn_gateway_id = "g"
  customer_gateway_id = ucloud_vpn_customer_gateway.cg.id
  vpc_id = "v"
  ike_config { pre_shared_key = "x" }
  ipsec_config {
    local_subnet_ids = ["s"]
    remote_subnets = ["%s"]
  }
}
'''
    result = _scan(tmp_path, text % (UC % "cn-gd", "58.176.0.1", "10.0.0.0/8"))
    assert {f.resource for f in _hits(result, "XB101")} == {"ucloud_vpn_customer_gateway.cg",
                                                            "ucloud_vpn_connection.c"}
    assert not _hits(result, "XB104")
    result = _scan(tmp_path, text % (UC % "cn-gd", "58.176.0.1", "0.0.0.0/0"))
    assert [f.severity.value for f in _hits(result, "XB104")] == ["error"]
    hits = _hits(_scan(tmp_path, text % ("", "58.176.0.1", "10.0.0.0/8")), "XB101")
    assert hits and all(f.severity.value == "warning" for f in hits)
    assert _scan(tmp_path, text % (UC % "cn-gd", "223.5.5.5", "10.0.0.0/8")).findings == []


def test_ucloud_security_group_gre(tmp_path):
    text = UC % "cn-sh2" + '''
resource "ucloud_security_group" "g" {
  rules {
    protocol = "gre"
    cidr_block = "%s"
    policy = "accept"
  }
  rules {
    port_range = "443"
    protocol = "tcp"
    cidr_block = "0.0.0.0/0"
    policy = "accept"
  }
}
'''
    [hit] = _hits(_scan(tmp_path, text % "18.184.0.0/16"), "XB601")
    assert hit.severity.value == "error" and "GRE" in hit.message
    assert _scan(tmp_path, text % "114.114.0.0/16").findings == []
