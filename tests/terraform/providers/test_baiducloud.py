"""Baidu AI Cloud targets: default region bj, hkg/sin outside the mainland, VPN, peering, CDN-ABROAD."""

from __future__ import annotations

from _cases import findings_of as _hits
from _cases import scan_text as _scan


def _conn(ip: str, subnets: str = '["192.168.0.0/24"]', provider: str = "") -> str:
    return provider + f'''
resource "baiducloud_vpn_conn" "c" {{
  vpn_id = "vpn-1"
  secret_key = "x"
  local_subnets = ["172.16.0.0/16"]
  remote_ip = {ip}
  remote_subnets = {subnets}
}}
'''


def test_default_region_is_bj(tmp_path):
    [hit] = _hits(_scan(tmp_path, _conn('"18.184.10.10"')), "XB101")
    assert hit.severity.value == "error"
    assert hit.local.cls.value == "mainland" and hit.local.value == "bj"


def test_mainland_peer_is_clean(tmp_path):
    assert _scan(tmp_path, _conn('"114.114.114.114"')).findings == []


def test_hkg_is_not_mainland(tmp_path):
    hkg = 'provider "baiducloud" {\n  region = "hkg"\n}\n'
    [hit] = _hits(_scan(tmp_path, _conn('"180.76.76.76"', provider=hkg)), "XB101")
    assert hit.severity.value == "error" and hit.local.cls.value == "non-mainland"
    assert _scan(tmp_path, _conn('"58.176.0.1"', provider=hkg)).findings == []


def test_unresolved_peer_warns(tmp_path):
    text = 'variable "peer" { type = string }\n' + _conn("var.peer")
    [hit] = _hits(_scan(tmp_path, text), "XB101")
    assert hit.severity.value == "warning"


def test_all_traffic_into_tunnel(tmp_path):
    [hit] = _hits(_scan(tmp_path, _conn('"8.8.8.8"', '["0.0.0.0/0"]')), "XB104")
    assert hit.severity.value == "error"
    assert not _hits(_scan(tmp_path, _conn('"8.8.8.8"')), "XB104")


def test_route_rule_default_to_vpn_warns_nat_clean(tmp_path):
    text = '''
resource "baiducloud_route_rule" "r" {
  route_table_id = "rt-1"
  source_address = "0.0.0.0/0"
  destination_address = "0.0.0.0/0"
  next_hop_type = "%s"
  next_hop_id = "x"
}
'''
    [hit] = _hits(_scan(tmp_path, text % "vpn"), "XB104")
    assert hit.severity.value == "warning"
    assert _scan(tmp_path, text % "nat").findings == []


def test_peer_conn_and_acceptor(tmp_path):
    text = '''
provider "baiducloud" { region = "bj" }
provider "baiducloud" {
  alias = "peer"
  region = "%s"
}
resource "baiducloud_peer_conn" "p" {
  bandwidth_in_mbps = 10
  local_vpc_id = "vpc-1"
  peer_vpc_id = "vpc-2"
  peer_region = "%s"
  billing = { payment_timing = "Postpaid" }
}
resource "baiducloud_peer_conn_acceptor" "a" {
  provider = baiducloud.peer
  peer_conn_id = baiducloud_peer_conn.p.id
  auto_accept = true
}
'''
    hits = _hits(_scan(tmp_path, text % ("hkg", "hkg")), "XB201")
    assert {f.resource for f in hits} == {"baiducloud_peer_conn.p", "baiducloud_peer_conn_acceptor.a"}
    assert all(f.severity.value == "error" for f in hits)
    assert _scan(tmp_path, text % ("gz", "gz")).findings == []
    assert _hits(_scan(tmp_path, text % ("sin", "sin")), "XB201")


def test_abroad_cdn_origin(tmp_path):
    text = 'resource "baiducloud_abroad_cdn_domain" "d" {\n  domain = "x.example.com"\n' \
           '  origin {\n    type = "%s"\n    addr = "%s"\n  }\n}\n'
    [hit] = _hits(_scan(tmp_path, text % ("IP", "180.76.76.76")), "XB402")
    assert hit.severity.value == "error"
    [hit] = _hits(_scan(tmp_path, text % ("DOMAIN", "origin.example.com")), "XB402")
    assert hit.severity.value == "warning"
    assert _scan(tmp_path, text % ("IP", "58.176.0.1")).findings == []


def test_mainland_cdn_product_is_not_flagged(tmp_path):
    text = 'resource "baiducloud_cdn_domain" "d" {\n  domain = "x.example.cn"\n' \
           '  origin {\n    peer = "http://180.76.76.76"\n  }\n}\n'
    assert _scan(tmp_path, text).findings == []


def test_security_group_rule(tmp_path):
    text = '''
resource "baiducloud_security_group_rule" "r" {
  security_group_id = "sg-1"
  direction = "%s"
  protocol = "udp"
  port_range = "%s"
  %s = "%s"
}
'''
    [hit] = _hits(_scan(tmp_path, text % ("ingress", "500", "source_ip", "8.8.8.0/24")), "XB601")
    assert hit.severity.value == "error"
    [hit] = _hits(_scan(tmp_path, text % ("egress", "51820", "dest_ip", "all")), "XB601")
    assert hit.severity.value == "warning"
    assert _scan(tmp_path, text % ("ingress", "500", "source_ip", "114.114.114.0/24")).findings == []
    assert _scan(tmp_path, text % ("ingress", "1-65535", "source_ip", "8.8.8.0/24")).findings == []


def test_instance_user_data(tmp_path):
    text = 'resource "baiducloud_instance" "i" {\n  image_id = "m-1"\n  user_data = "%s"\n}\n'
    [hit] = _hits(_scan(tmp_path, text % "apt-get install -y v2ray"), "XB602")
    assert hit.severity.value == "error"
    assert _scan(tmp_path, text % "apt-get install -y nginx").findings == []


ROUTE_TO_GATEWAY = '''
provider "baiducloud" { region = "bj" }
resource "baiducloud_vpn_gateway" "gw" {
  vpn_name = "gw"
  vpc_id   = "vpc-1"
}
resource "baiducloud_vpn_conn" "c" {
  vpn_id         = baiducloud_vpn_gateway.gw.id
  remote_ip      = "%s"
  remote_subnets = ["192.168.0.0/16"]
  local_subnets  = ["10.0.0.0/16"]
  secret_key     = "x"
}
resource "baiducloud_route_rule" "default" {
  route_table_id      = "rt-1"
  source_address      = "0.0.0.0/0"
  destination_address = "0.0.0.0/0"
  next_hop_type       = "vpn"
  next_hop_id         = baiducloud_vpn_gateway.gw.id
}
'''


def test_route_rule_follows_gateway_to_connections(tmp_path):
    hits = [f for f in _hits(_scan(tmp_path, ROUTE_TO_GATEWAY % "18.184.10.10"), "XB104")
            if f.resource == "baiducloud_route_rule.default"]
    assert [f.severity.value for f in hits] == ["error"]
    assert hits[0].remote.value == "18.184.10.10"
    assert _scan(tmp_path, ROUTE_TO_GATEWAY % "223.5.5.5").findings == []


def test_when_matches_any_element_of_remote_subnets(tmp_path):
    [hit] = _hits(_scan(tmp_path, _conn('"8.8.8.8"', '["192.168.0.0/24", "0.0.0.0/0"]')), "XB104")
    assert hit.severity.value == "error"
