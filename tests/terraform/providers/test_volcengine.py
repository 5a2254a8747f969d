"""Volcengine and volcenginecc targets: region rules (no default region), VPN, CEN, TR, DC, CDN, XB5/6."""

from __future__ import annotations

from _cases import findings_of as _hits
from _cases import scan_text as _scan

CGW = '''
resource "volcengine_customer_gateway" "cg" {{ ip_address = "{ip}" }}
resource "volcengine_vpn_connection" "c" {{
  vpn_gateway_id      = "vgw-1"
  customer_gateway_id = volcengine_customer_gateway.cg.id
  local_subnet        = ["10.0.0.0/16"]
  remote_subnet       = {remote}
  ike_config_psk      = "x"
}}
'''


def _vpn(region: str | None, ip: str, remote: str = '["192.168.0.0/24"]') -> str:
    head = f'provider "volcengine" {{\n  region = "{region}"\n}}\n' if region else ""
    return head + CGW.format(ip=ip, remote=remote)


def test_no_default_region_is_unknown_and_warns(tmp_path):
    result = _scan(tmp_path, _vpn(None, "18.184.10.10"))
    hits = _hits(result, "XB101")
    assert {f.resource for f in hits} == {"volcengine_customer_gateway.cg", "volcengine_vpn_connection.c"}
    assert all(f.severity.value == "warning" for f in hits)
    assert all(f.local.cls.value == "unknown" for f in hits)


def test_customer_gateway_abroad_is_error_and_connection_follows(tmp_path):
    result = _scan(tmp_path, _vpn("cn-shanghai", "18.184.10.10"))
    hits = _hits(result, "XB101")
    assert {f.severity.value for f in hits} == {"error"}
    conn = next(f for f in hits if f.resource == "volcengine_vpn_connection.c")
    assert conn.remote.value == "18.184.10.10"
    assert "volcengine_customer_gateway.cg" in conn.message


def test_customer_gateway_mainland_is_clean(tmp_path):
    assert _scan(tmp_path, _vpn("cn-beijing", "114.114.114.114")).findings == []


def test_hong_kong_lookalike_reverse_direction(tmp_path):
    result = _scan(tmp_path, _vpn("cn-hongkong", "223.5.5.5"))
    hits = _hits(result, "XB101")
    assert hits and all(f.severity.value == "error" for f in hits)
    assert all(f.local.cls.value == "non-mainland" for f in hits)
    assert _scan(tmp_path, _vpn("cn-hongkong", "58.176.0.1")).findings == []


def test_dynamic_peer_0000_warns(tmp_path):
    hits = _hits(_scan(tmp_path, _vpn("cn-beijing", "0.0.0.0")), "XB101")
    assert hits and all(f.severity.value == "warning" for f in hits)


def test_unresolved_variable_warns(tmp_path):
    text = 'variable "peer" { type = string }\n' + _vpn("cn-beijing", "x").replace('"x"', "var.peer")
    hits = _hits(_scan(tmp_path, text), "XB101")
    assert hits and all(f.severity.value == "warning" for f in hits)


def test_remote_subnet_everything_is_xb104(tmp_path):
    result = _scan(tmp_path, _vpn("cn-beijing", "8.8.8.8", '["0.0.0.0/0"]'))
    [hit] = _hits(result, "XB104")
    assert hit.severity.value == "error" and hit.resource == "volcengine_vpn_connection.c"


def test_vpn_gateway_default_route_follows_connection(tmp_path):
    text = _vpn("cn-beijing", "8.8.8.8") + '''
resource "volcengine_vpn_gateway_route" "r" {
  vpn_gateway_id         = "vgw-1"
  destination_cidr_block = "0.0.0.0/0"
  next_hop_id            = volcengine_vpn_connection.c.id
}
resource "volcengine_vpn_gateway_route" "office" {
  vpn_gateway_id         = "vgw-1"
  destination_cidr_block = "192.168.0.0/24"
  next_hop_id            = volcengine_vpn_connection.c.id
}
'''
    hits = _hits(_scan(tmp_path, text), "XB104")
    assert [(f.resource, f.severity.value) for f in hits] == [("volcengine_vpn_gateway_route.r", "error")]


def test_route_entry_default_to_vpn_gateway_warns_nat_is_clean(tmp_path):
    text = '''
provider "volcengine" { region = "cn-beijing" }
resource "volcengine_route_entry" "vpn" {
  route_table_id = "vtb-1"
  destination_cidr_block = "0.0.0.0/0"
  next_hop_type = "VpnGW"
  next_hop_id = "vgw-1"
}
resource "volcengine_route_entry" "nat" {
  route_table_id = "vtb-2"
  destination_cidr_block = "0.0.0.0/0"
  next_hop_type = "NatGW"
  next_hop_id = "ngw-1"
}
'''
    hits = _hits(_scan(tmp_path, text), "XB104")
    assert [(f.resource, f.severity.value) for f in hits] == [("volcengine_route_entry.vpn", "warning")]


def test_tr_peer_attachment(tmp_path):
    base = '''
provider "volcengine" { region = "cn-beijing" }
resource "volcengine_transit_router_peer_attachment" "p" {
  transit_router_id = "tr-1"
  peer_transit_router_id = "tr-2"
  peer_transit_router_region_id = "%s"
}
'''
    [hit] = _hits(_scan(tmp_path, base % "ap-southeast-1"), "XB202")
    assert hit.severity.value == "error"
    assert _scan(tmp_path, base % "cn-shanghai").findings == []


def test_cen_group_members_on_both_sides(tmp_path):
    text = '''
resource "volcengine_cen" "c" { cen_name = "x" }
resource "volcengine_cen_attach_instance" "bj" {
  cen_id = volcengine_cen.c.id
  instance_id = "vpc-1"
  instance_region_id = "cn-beijing"
  instance_type = "VPC"
}
resource "volcengine_cen_attach_instance" "hk" {
  cen_id = volcengine_cen.c.id
  instance_id = "vpc-2"
  instance_region_id = "%s"
  instance_type = "VPC"
}
resource "volcengine_cen" "other" { cen_name = "y" }
resource "volcengine_cen_attach_instance" "sg" {
  cen_id = volcengine_cen.other.id
  instance_id = "vpc-3"
  instance_region_id = "ap-southeast-1"
  instance_type = "VPC"
}
'''
    hits = _hits(_scan(tmp_path, text % "cn-hongkong"), "XB203")
    assert {f.resource for f in hits} == {"volcengine_cen_attach_instance.bj",
                                          "volcengine_cen_attach_instance.hk"}
    assert all(f.severity.value == "error" for f in hits)
    assert _scan(tmp_path, text % "cn-shanghai").findings == []


def test_cen_bandwidth_package_and_inter_region(tmp_path):
    text = '''
resource "volcengine_cen_bandwidth_package" "p" {
  local_geographic_region_set_id = "China"
  peer_geographic_region_set_id  = "%s"
  bandwidth = 2
}
resource "volcengine_cen_inter_region_bandwidth" "b" {
  cen_id = "cen-1"
  local_region_id = "cn-guangzhou"
  peer_region_id = "%s"
  bandwidth = 2
}
'''
    hits = _hits(_scan(tmp_path, text % ("Asia", "cn-hongkong")), "XB204")
    assert {f.resource for f in hits} == {"volcengine_cen_bandwidth_package.p",
                                          "volcengine_cen_inter_region_bandwidth.b"}
    assert all(f.severity.value == "error" for f in hits)
    assert _scan(tmp_path, text % ("China", "cn-beijing")).findings == []


def test_tr_bandwidth_package_defaults_to_china(tmp_path):
    text = 'resource "volcengine_transit_router_bandwidth_package" "p" {\n  bandwidth = 2\n%s}\n'
    assert _scan(tmp_path, text % "").findings == []
    [hit] = _hits(_scan(tmp_path, text % '  peer_geographic_region_set_id = "Asia"\n'), "XB204")
    assert hit.severity.value == "error"


def test_direct_connect_access_point(tmp_path):
    text = '''
provider "volcengine" { region = "cn-beijing" }
resource "volcengine_direct_connect_connection" "d" {
  direct_connect_access_point_id = "%s"
  line_operator = "ChinaOther"
  peer_location = "IDC"
  port_type = "10GBase"
  port_spec = "10G"
  bandwidth = 1000
}
'''
    [hit] = _hits(_scan(tmp_path, text % "ap-cn-hongkong-a"), "XB301")
    assert hit.severity.value == "error"
    assert _scan(tmp_path, text % "ap-cn-beijing-cy-A").findings == []


def test_cdn_service_region(tmp_path):
    text = '''
provider "volcengine" { region = "cn-beijing" }
resource "volcengine_cdn_domain" "d" {
  domain = "www.example.cn"
  service_type = "web"
  %s
  domain_config = "{}"
}
'''
    for scope in ("global", "outside_chinese_mainland"):
        [hit] = _hits(_scan(tmp_path, text % f'service_region = "{scope}"'), "XB402")
        assert hit.severity.value == "error"
    assert _scan(tmp_path, text % 'service_region = "chinese_mainland"').findings == []
    assert _scan(tmp_path, text % "").findings == []


def test_ssl_vpn_server_warns_in_mainland_not_in_hong_kong(tmp_path):
    text = 'provider "volcengine" { region = "%s" }\nresource "volcengine_ssl_vpn_server" "s" {\n' \
           '  vpn_gateway_id = "vgw-1"\n  local_subnets = ["10.0.0.0/16"]\n  client_ip_pool = "172.16.0.0/24"\n}\n'
    [hit] = _hits(_scan(tmp_path, text % "cn-shanghai"), "XB501")
    assert hit.severity.value == "warning"
    assert _scan(tmp_path, text % "cn-hongkong").findings == []


def test_security_group_rule(tmp_path):
    text = '''
provider "volcengine" { region = "cn-guangzhou" }
resource "volcengine_security_group_rule" "r" {
  security_group_id = "sg-1"
  direction = "ingress"
  protocol = "udp"
  port_start = %d
  port_end = %d
  cidr_ip = "%s"
  policy = "%s"
}
'''
    [hit] = _hits(_scan(tmp_path, text % (500, 500, "18.184.10.10/32", "accept")), "XB601")
    assert hit.severity.value == "error"
    [hit] = _hits(_scan(tmp_path, text % (4500, 4500, "0.0.0.0/0", "accept")), "XB601")
    assert hit.severity.value == "warning"
    assert _scan(tmp_path, text % (500, 500, "18.184.10.10/32", "drop")).findings == []
    assert _scan(tmp_path, text % (500, 500, "114.114.114.114/32", "accept")).findings == []
    assert _scan(tmp_path, text % (443, 443, "18.184.10.10/32", "accept")).findings == []


def test_ecs_user_data(tmp_path):
    text = '''
provider "volcengine" { region = "cn-beijing" }
resource "volcengine_ecs_instance" "i" {
  image_id = "img"
  instance_type = "ecs.g1.large"
  subnet_id = "sn-1"
  security_group_ids = ["sg-1"]
  system_volume_type = "ESSD_PL0"
  system_volume_size = 40
  user_data = base64encode("apt-get install -y %s")
}
'''
    [hit] = _hits(_scan(tmp_path, text % "shadowsocks-libev"), "XB602")
    assert hit.severity.value == "error"
    assert _scan(tmp_path, text % "nginx").findings == []


# -- volcenginecc -----------------------------------------------------------------------------

def test_cc_vpn_connection_follows_customer_gateway(tmp_path):
    text = '''
provider "volcenginecc" { region = "%s" }
resource "volcenginecc_vpn_customer_gateway" "cg" { ip_address = "18.184.10.10" }
resource "volcenginecc_vpn_vpn_connection" "c" {
  vpn_gateway_id = "vgw-1"
  customer_gateway_id = volcenginecc_vpn_customer_gateway.cg.id
  local_subnet = ["10.0.0.0/16"]
  remote_subnet = ["192.168.0.0/24"]
}
'''
    hits = _hits(_scan(tmp_path, text % "cn-beijing"), "XB101")
    assert {f.resource for f in hits} == {"volcenginecc_vpn_customer_gateway.cg",
                                          "volcenginecc_vpn_vpn_connection.c"}
    assert all(f.severity.value == "error" for f in hits)
    assert _scan(tmp_path, text % "ap-southeast-1").findings == []


def test_cc_cen_inline_instances(tmp_path):
    text = '''
resource "volcenginecc_cen_cen" "c" {
  cen_name = "x"
  instances = [
    { instance_id = "vpc-1", instance_region_id = "cn-beijing", instance_type = "VPC" },
    { instance_id = "vpc-2", instance_region_id = "%s", instance_type = "VPC" },
  ]
}
'''
    [hit] = _hits(_scan(tmp_path, text % "cn-hongkong"), "XB203")
    assert hit.severity.value == "error"
    assert _scan(tmp_path, text % "cn-guangzhou").findings == []


def test_cc_security_group_inline_permissions(tmp_path):
    text = '''
provider "volcenginecc" { region = "cn-beijing" }
resource "volcenginecc_vpc_security_group" "g" {
  vpc_id = "vpc-1"
  egress_permissions = [
    { protocol = "udp", port_start = 51820, port_end = 51820, cidr_ip = "%s", policy = "accept" },
  ]
}
'''
    [hit] = _hits(_scan(tmp_path, text % "8.8.8.8/32"), "XB601")
    assert hit.severity.value == "error" and "egress" in hit.message
    assert _scan(tmp_path, text % "10.0.0.0/8").findings == []


def test_cc_cdn_origin_line_locates_origin(tmp_path):
    text = '''
provider "volcenginecc" { region = "cn-beijing" }
resource "volcenginecc_cdn_domain" "d" {
  domain = "www.example.cn"
  service_type = "web"
  service_region = "global"
  origin = [{
    origin_action = {
      origin_lines = [{ address = "%s", instance_type = "ip", origin_type = "primary" }]
    }
  }]
}
'''
    [hit] = _hits(_scan(tmp_path, text % "180.76.76.76"), "XB402")
    assert hit.severity.value == "error" and hit.local.value == "180.76.76.76"
    assert _scan(tmp_path, text % "58.176.0.1").findings == []


ROUTE_TO_GATEWAY = '''
provider "volcengine" {{ region = "cn-beijing" }}
resource "volcengine_vpn_gateway" "gw" {{
  vpc_id    = "vpc-1"
  subnet_id = "subnet-1"
  bandwidth = 20
}}
resource "volcengine_customer_gateway" "cgw" {{ ip_address = "{ip}" }}
resource "volcengine_vpn_connection" "c" {{
  vpn_gateway_id      = volcengine_vpn_gateway.gw.id
  customer_gateway_id = volcengine_customer_gateway.cgw.id
  local_subnet        = ["10.0.0.0/16"]
  remote_subnet       = ["192.168.0.0/16"]
}}
resource "volcengine_route_entry" "default" {{
  route_table_id         = "vtb-1"
  destination_cidr_block = "0.0.0.0/0"
  next_hop_type          = "VpnGW"
  next_hop_id            = volcengine_vpn_gateway.gw.id
}}
'''


def test_xb104_route_entry_follows_gateway_to_connections(tmp_path):
    hits = [f for f in _hits(_scan(tmp_path, ROUTE_TO_GATEWAY.format(ip="18.184.10.10")), "XB104")
            if f.resource == "volcengine_route_entry.default"]
    assert [f.severity.value for f in hits] == ["error"]
    assert hits[0].remote.value == "18.184.10.10"
    clean = _hits(_scan(tmp_path, ROUTE_TO_GATEWAY.format(ip="223.5.5.5")), "XB104")
    assert clean == []


def test_when_matches_any_element_of_a_list(tmp_path):
    """remote_subnet = [a private range, 0.0.0.0/0]: the second element makes it a default route."""
    text = _vpn("cn-beijing", "18.184.10.10", '["192.168.0.0/24", "0.0.0.0/0"]')
    assert [f.severity.value for f in _hits(_scan(tmp_path, text), "XB104")] == ["error"]
