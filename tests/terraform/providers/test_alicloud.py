"""Alibaba Cloud (alicloud) targets: region rules, Hong Kong look-alikes, every target's
non-compliant and compliant behaviour, and unresolved values (checks/terraform/targets/alicloud.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exitlint.app import ScanOptions, scan

SH = 'provider "alicloud" {\n  region = "cn-shanghai"\n}\n'
HK = 'provider "alicloud" {\n  region = "cn-hongkong"\n}\n'


def _scan(tmp_path: Path, text: str, policy: str | None = None):
    d = tmp_path / "cfg"
    d.mkdir(exist_ok=True)
    (d / "main.tf").write_text(text, encoding="utf-8")
    if policy is not None:
        (d / ".exitlint.yaml").write_text(policy, encoding="utf-8")
    result = scan(ScanOptions(paths=[d], base=d))
    assert result.errors == []
    return result


def _hits(result, check_id: str) -> dict[str, str]:
    return {f.resource: f.severity.value for f in result.findings
            if f.check_id == check_id and not f.suppressed}


def _cgw(ip: str, name: str = "peer") -> str:
    return f'''
resource "alicloud_vpn_customer_gateway" "{name}" {{
  ip_address = "{ip}"
}}
resource "alicloud_vpn_connection" "{name}" {{
  vpn_gateway_id      = "vpn-0example"
  customer_gateway_id = alicloud_vpn_customer_gateway.{name}.id
  local_subnet        = ["10.0.0.0/16"]
  remote_subnet       = ["192.168.0.0/24"]
}}
'''


# -- region rules ------------------------------------------------------------------------------

def test_provider_default_region_is_cn_beijing(tmp_path):
    result = _scan(tmp_path, _cgw("18.184.10.10"))
    hit = next(f for f in result.findings if f.resource == "alicloud_vpn_connection.peer")
    assert hit.check_id == "XB101" and hit.severity.value == "error"
    assert hit.local.value == "cn-beijing" and hit.local.cls.value == "mainland"
    assert "default region" in hit.local.reason


def test_provider_alias_decides_the_region(tmp_path):
    text = 'provider "alicloud" {\n  alias  = "hk"\n  region = "cn-hongkong"\n}\n' + '''
resource "alicloud_vpn_customer_gateway" "office" {
  provider   = alicloud.hk
  ip_address = "58.176.0.1"
}
'''
    assert _scan(tmp_path, text).findings == []


def test_finance_region_is_mainland(tmp_path):
    text = 'provider "alicloud" {\n  region = "cn-shanghai-finance-1"\n}\n' + _cgw("8.8.8.8")
    hit = next(f for f in _scan(tmp_path, text).findings if f.check_id == "XB101")
    assert hit.local.cls.value == "mainland"


def test_region_from_unresolved_variable_is_a_warning(tmp_path):
    text = 'variable "region" {}\nprovider "alicloud" {\n  region = var.region\n}\n' + _cgw("8.8.8.8")
    assert set(_hits(_scan(tmp_path, text), "XB101").values()) == {"warning"}


# -- XB101 VPN -----------------------------------------------------------------------------------

def test_vpn_peer_abroad_flags_gateway_and_connection(tmp_path):
    result = _scan(tmp_path, SH + _cgw("18.184.10.10"))
    assert _hits(result, "XB101") == {"alicloud_vpn_customer_gateway.peer": "error",
                                      "alicloud_vpn_connection.peer": "error"}
    hit = next(f for f in result.findings if f.resource == "alicloud_vpn_connection.peer")
    assert hit.remote.value == "18.184.10.10" and "registered to US" in hit.message


def test_hong_kong_gateway_to_mainland_office_crosses(tmp_path):
    result = _scan(tmp_path, HK + _cgw("223.5.5.5"))
    hit = next(f for f in result.findings if f.resource == "alicloud_vpn_connection.peer")
    assert hit.severity.value == "error"
    assert hit.local.cls.value == "non-mainland" and hit.remote.cls.value == "mainland"


@pytest.mark.parametrize("provider,ip", [(SH, "114.114.114.114"), (HK, "58.176.0.1"),
                                         (SH, "192.168.1.1")])
def test_vpn_same_side_or_private_peer_is_clean(tmp_path, provider, ip):
    assert _scan(tmp_path, provider + _cgw(ip)).findings == []


def test_vpn_peer_from_variable_without_value_is_a_warning(tmp_path):
    text = SH + 'variable "peer_ip" {\n  type = string\n}\n' + _cgw("x").replace(
        '"x"', "var.peer_ip")
    assert set(_hits(_scan(tmp_path, text), "XB101").values()) == {"warning"}


def test_vpn_peer_documentation_range_is_a_warning(tmp_path):
    assert set(_hits(_scan(tmp_path, SH + _cgw("203.0.113.10")), "XB101").values()) == {"warning"}


def test_vpn_peer_resolved_from_tfvars(tmp_path):
    text = SH + 'variable "peer_ip" {\n  type = string\n}\n' + _cgw("x").replace(
        '"x"', "var.peer_ip")
    d = tmp_path / "cfg"
    d.mkdir()
    (d / "main.tf").write_text(text, encoding="utf-8")
    (d / "terraform.tfvars").write_text('peer_ip = "8.8.8.8"\n', encoding="utf-8")
    result = scan(ScanOptions(paths=[d], base=d))
    assert set(_hits(result, "XB101").values()) == {"error"}


def test_tr_vpn_attachment_follows_customer_gateway(tmp_path):
    text = SH + '''
resource "alicloud_vpn_customer_gateway" "us" {
  ip_address = "8.8.8.8"
}
resource "alicloud_vpn_gateway_vpn_attachment" "us" {
  customer_gateway_id = alicloud_vpn_customer_gateway.us.id
  local_subnet        = "0.0.0.0/0"
  remote_subnet       = "0.0.0.0/0"
}
'''
    assert _hits(_scan(tmp_path, text), "XB101")["alicloud_vpn_gateway_vpn_attachment.us"] == "error"


def test_dual_tunnel_connection_follows_each_tunnel(tmp_path):
    text = SH + '''
resource "alicloud_vpn_customer_gateway" "us" {
  ip_address = "8.8.8.8"
}
resource "alicloud_vpn_connection" "dual" {
  vpn_gateway_id = "vpn-0example"
  local_subnet   = ["10.0.0.0/16"]
  remote_subnet  = ["192.168.0.0/24"]
  tunnel_options_specification {
    customer_gateway_id = alicloud_vpn_customer_gateway.us.id
    role                = "master"
  }
}
'''
    assert _hits(_scan(tmp_path, text), "XB101").get("alicloud_vpn_connection.dual") == "error"


# -- XB104 default route into a tunnel -----------------------------------------------------------

def _route(dest: str, ip: str) -> str:
    return SH + _cgw(ip) + f'''
resource "alicloud_vpn_route_entry" "r" {{
  vpn_gateway_id = "vpn-0example"
  route_dest     = "{dest}"
  next_hop       = alicloud_vpn_connection.peer.id
  weight         = 100
  publish_vpc    = true
}}
'''


def test_default_route_into_foreign_tunnel(tmp_path):
    assert _hits(_scan(tmp_path, _route("0.0.0.0/0", "8.8.8.8")), "XB104") == {
        "alicloud_vpn_route_entry.r": "error"}


@pytest.mark.parametrize("dest,ip", [("192.168.0.0/24", "8.8.8.8"), ("0.0.0.0/0", "114.114.114.114")])
def test_specific_route_or_domestic_tunnel_is_not_xb104(tmp_path, dest, ip):
    assert _hits(_scan(tmp_path, _route(dest, ip)), "XB104") == {}


def test_default_route_to_unknown_connection_is_a_warning(tmp_path):
    text = SH + '''
resource "alicloud_vpn_pbr_route_entry" "r" {
  vpn_gateway_id = "vpn-0example"
  route_source   = "10.0.0.0/16"
  route_dest     = "0.0.0.0/0"
  next_hop       = "vco-0example"
  weight         = 100
  publish_vpc    = true
}
'''
    assert _hits(_scan(tmp_path, text), "XB104") == {"alicloud_vpn_pbr_route_entry.r": "warning"}


# -- XB501 remote access -------------------------------------------------------------------------

@pytest.mark.parametrize("rtype", ["alicloud_ssl_vpn_server", "alicloud_vpn_ipsec_server"])
def test_remote_access_servers(tmp_path, rtype):
    text = f'resource "{rtype}" "s" {{\n  vpn_gateway_id = "vpn-0example"\n  ' \
           'client_ip_pool = "192.168.100.0/24"\n  local_subnet = "10.0.0.0/16"\n}\n'
    assert _hits(_scan(tmp_path, SH + text), "XB501") == {f"{rtype}.s": "warning"}
    assert _scan(tmp_path, HK + text).findings == []


# -- XB201 / XB202 peering -------------------------------------------------------------------------

@pytest.mark.parametrize("region,expected", [("cn-hongkong", "error"), ("ap-southeast-1", "error"),
                                             ("cn-hangzhou", None)])
def test_vpc_peer_connection(tmp_path, region, expected):
    text = SH + f'''
resource "alicloud_vpc_peer_connection" "p" {{
  vpc_id              = "vpc-1"
  accepting_vpc_id    = "vpc-2"
  accepting_ali_uid   = "1234567890"
  accepting_region_id = "{region}"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB201").get("alicloud_vpc_peer_connection.p") == expected


def _trs() -> str:
    return '''
provider "alicloud" {
  alias  = "sh"
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
}
provider "alicloud" {
  alias  = "bj"
  region = "cn-beijing"
}
resource "alicloud_cen_instance" "cen" {
  cen_instance_name = "backbone"
}
resource "alicloud_cen_transit_router" "sh" {
  provider = alicloud.sh
  cen_id   = alicloud_cen_instance.cen.id
}
resource "alicloud_cen_transit_router" "hk" {
  provider = alicloud.hk
  cen_id   = alicloud_cen_instance.cen.id
}
resource "alicloud_cen_transit_router" "bj" {
  provider = alicloud.bj
  cen_id   = alicloud_cen_instance.cen.id
}
'''


@pytest.mark.parametrize("peer,region_line,expected", [
    ("hk", "", "error"),                                           # peer region from the peer TR
    ("bj", "", None),
    ("bj", 'peer_transit_router_region_id = "cn-hongkong"', "error"),  # explicit region wins
    ("hk", 'peer_transit_router_region_id = "cn-beijing"', None),
])
def test_transit_router_peer_attachment(tmp_path, peer, region_line, expected):
    text = _trs() + f'''
resource "alicloud_cen_transit_router_peer_attachment" "p" {{
  provider               = alicloud.sh
  cen_id                 = alicloud_cen_instance.cen.id
  transit_router_id      = alicloud_cen_transit_router.sh.transit_router_id
  peer_transit_router_id = alicloud_cen_transit_router.{peer}.transit_router_id
  {region_line}
}}
'''
    assert _hits(_scan(tmp_path, text), "XB202").get(
        "alicloud_cen_transit_router_peer_attachment.p") == expected


# -- XB203 backbone groups ---------------------------------------------------------------------------

def _attach(name: str, region: str, cen: str = "cen") -> str:
    return f'''
resource "alicloud_cen_instance_attachment" "{name}" {{
  instance_id              = alicloud_cen_instance.{cen}.id
  child_instance_id        = "vpc-{name}"
  child_instance_type      = "VPC"
  child_instance_region_id = "{region}"
}}
'''


def test_cen_group_reports_members_on_both_sides(tmp_path):
    text = 'resource "alicloud_cen_instance" "cen" {}\n' + _attach("sh", "cn-shanghai") + \
        _attach("bj", "cn-beijing") + _attach("hk", "cn-hongkong")
    assert _hits(_scan(tmp_path, text), "XB203") == {
        "alicloud_cen_instance_attachment.sh": "error",
        "alicloud_cen_instance_attachment.bj": "error",
        "alicloud_cen_instance_attachment.hk": "error"}


def test_two_cens_are_separate_hubs(tmp_path):
    text = 'resource "alicloud_cen_instance" "cn" {}\nresource "alicloud_cen_instance" "intl" {}\n' + \
        _attach("sh", "cn-shanghai", "cn") + _attach("bj", "cn-beijing", "cn") + \
        _attach("hk", "cn-hongkong", "intl") + _attach("sg", "ap-southeast-1", "intl")
    assert _scan(tmp_path, text).findings == []


def test_cen_group_unknown_member_region_is_a_warning(tmp_path):
    text = 'variable "region" {\n  type = string\n}\nresource "alicloud_cen_instance" "cen" {}\n' + \
        _attach("sh", "cn-shanghai") + _attach("x", "x").replace('"x"\n}', "var.region\n}")
    assert set(_hits(_scan(tmp_path, text), "XB203").values()) == {"warning"}


def test_transit_router_attachments_take_the_router_region(tmp_path):
    text = _trs() + '''
resource "alicloud_cen_transit_router_vpc_attachment" "sh" {
  provider          = alicloud.sh
  cen_id            = alicloud_cen_instance.cen.id
  transit_router_id = alicloud_cen_transit_router.sh.transit_router_id
  vpc_id            = "vpc-sh"
}
resource "alicloud_cen_transit_router_vbr_attachment" "hk" {
  provider          = alicloud.hk
  transit_router_id = alicloud_cen_transit_router.hk.transit_router_id
  vbr_id            = "vbr-hk"
}
'''
    assert _hits(_scan(tmp_path, text), "XB203") == {
        "alicloud_cen_transit_router_vpc_attachment.sh": "error",
        "alicloud_cen_transit_router_vbr_attachment.hk": "error"}


def test_ccn_granted_to_cen_joins_the_group(tmp_path):
    text = SH + 'provider "alicloud" {\n  alias  = "hk"\n  region = "cn-hongkong"\n}\n' + \
        'resource "alicloud_cen_instance" "cen" {}\n' + _attach("sh", "cn-shanghai") + '''
resource "alicloud_cloud_connect_network" "ccn" {
  provider   = alicloud.hk
  is_default = true
}
resource "alicloud_cloud_connect_network_grant" "g" {
  ccn_id  = alicloud_cloud_connect_network.ccn.id
  cen_id  = alicloud_cen_instance.cen.id
  cen_uid = "123"
}
'''
    assert _hits(_scan(tmp_path, text), "XB203")["alicloud_cloud_connect_network_grant.g"] == "error"


@pytest.mark.parametrize("vbr_region,expected", [("cn-hongkong", "error"), ("cn-hangzhou", None)])
def test_express_connect_router_group(tmp_path, vbr_region, expected):
    text = SH + f'''
resource "alicloud_express_connect_router_express_connect_router" "ecr" {{
  alibaba_side_asn = 45104
}}
resource "alicloud_express_connect_router_tr_association" "tr" {{
  ecr_id                = alicloud_express_connect_router_express_connect_router.ecr.id
  association_region_id = "cn-beijing"
  transit_router_id     = "tr-0example"
}}
resource "alicloud_express_connect_router_vbr_child_instance" "vbr" {{
  ecr_id                   = alicloud_express_connect_router_express_connect_router.ecr.id
  child_instance_id        = "vbr-0example"
  child_instance_type      = "VBR"
  child_instance_region_id = "{vbr_region}"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB203").get(
        "alicloud_express_connect_router_vbr_child_instance.vbr") == expected


# -- XB204 bandwidth -------------------------------------------------------------------------------

@pytest.mark.parametrize("body,expected", [
    ('geographic_region_a_id = "China"\n  geographic_region_b_id = "Asia-Pacific"', "error"),
    ('geographic_region_a_id = "Europe"\n  geographic_region_b_id = "china"', "error"),
    ('geographic_region_ids = ["China", "North-America"]', "error"),
    ('geographic_region_a_id = "China"\n  geographic_region_b_id = "China"', None),
    ('geographic_region_a_id = "Asia-Pacific"\n  geographic_region_b_id = "Europe"', None),
    ('geographic_region_a_id = "China"\n  geographic_region_b_id = "Mars"', "warning"),
])
def test_cen_bandwidth_package(tmp_path, body, expected):
    text = f'resource "alicloud_cen_bandwidth_package" "b" {{\n  bandwidth = 10\n  {body}\n}}\n'
    assert _hits(_scan(tmp_path, text), "XB204").get("alicloud_cen_bandwidth_package.b") == expected


@pytest.mark.parametrize("regions,expected", [('["cn-beijing", "cn-hongkong"]', "error"),
                                              ('["cn-hongkong", "cn-beijing"]', "error"),
                                              ('["cn-beijing", "cn-hangzhou"]', None)])
def test_cen_bandwidth_limit(tmp_path, regions, expected):
    text = f'resource "alicloud_cen_bandwidth_limit" "l" {{\n  instance_id = "cen-1"\n  ' \
           f'region_ids = {regions}\n  bandwidth_limit = 2\n}}\n'
    assert _hits(_scan(tmp_path, text), "XB204").get("alicloud_cen_bandwidth_limit.l") == expected


# -- XB301 / XB303 private lines ---------------------------------------------------------------------

@pytest.mark.parametrize("operator,expected", [("Equinix", "error"), ("Other", "error"),
                                               ("CT", None), ("CU", None), ("CO", None)])
def test_physical_connection_operator(tmp_path, operator, expected):
    text = f'''
resource "alicloud_express_connect_physical_connection" "pc" {{
  access_point_id = "ap-cn-hangzhou-yh-B"
  line_operator   = "{operator}"
  peer_location   = "somewhere"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB301").get(
        "alicloud_express_connect_physical_connection.pc") == expected


@pytest.mark.parametrize("rtype,attr", [("alicloud_express_connect_router_interface", "opposite_region_id"),
                                        ("alicloud_router_interface", "opposite_region")])
@pytest.mark.parametrize("region,expected", [("cn-hongkong", "error"), ("us-west-1", "error"),
                                             ("cn-qingdao", None)])
def test_router_interfaces(tmp_path, rtype, attr, region, expected):
    text = f'resource "{rtype}" "ri" {{\n  router_id = "vrt-1"\n  {attr} = "{region}"\n}}\n'
    assert _hits(_scan(tmp_path, text), "XB303").get(f"{rtype}.ri") == expected


@pytest.mark.parametrize("ip,expected", [("58.176.0.1", "error"), ("10.0.0.2", None),
                                         ("114.114.114.114", None)])
def test_vbr_peer_gateway(tmp_path, ip, expected):
    text = SH + f'''
resource "alicloud_express_connect_virtual_border_router" "vbr" {{
  physical_connection_id = "pc-1"
  vlan_id                = 10
  local_gateway_ip       = "10.0.0.1"
  peer_gateway_ip        = "{ip}"
  peering_subnet_mask    = "255.255.255.252"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB303").get(
        "alicloud_express_connect_virtual_border_router.vbr") == expected


# -- XB401 Global Accelerator ----------------------------------------------------------------------

@pytest.mark.parametrize("body,expected,needle", [
    ('bandwidth_billing_type = "CDT"\n  cross_border_status = true\n  cross_border_mode = "private"',
     "error", "china-unicom"),
    ('bandwidth_billing_type = "CDT"\n  cross_border_status = true', "error", "approved_exits"),
    ('bandwidth_billing_type = "CDT"\n  cross_border_status = false', None, None),
    ('cross_border_status = true', None, None),  # only valid with CDT billing
])
def test_ga_cross_border_switch(tmp_path, body, expected, needle):
    text = f'resource "alicloud_ga_accelerator" "a" {{\n  spec = "1"\n  {body}\n}}\n'
    result = _scan(tmp_path, text)
    assert _hits(result, "XB401").get("alicloud_ga_accelerator.a") == expected
    if needle:
        assert needle in result.findings[0].message


@pytest.mark.parametrize("body,expected", [
    ('type = "CrossDomain"', "error"),
    ('type = "CrossDomain"\n  cbn_geographic_region_ida = "China-mainland"\n  '
     'cbn_geographic_region_idb = "Global"', "error"),
    ('type = "Basic"\n  bandwidth_type = "Basic"', None),
])
def test_ga_bandwidth_package(tmp_path, body, expected):
    text = f'resource "alicloud_ga_bandwidth_package" "p" {{\n  bandwidth = 10\n  {body}\n}}\n'
    assert _hits(_scan(tmp_path, text), "XB401").get("alicloud_ga_bandwidth_package.p") == expected


@pytest.mark.parametrize("entry,origin,expected", [
    ("cn-hongkong", "cn-shenzhen", "error"), ("cn-shenzhen", "ap-southeast-1", "error"),
    ("cn-beijing", "cn-shenzhen", None), ("cn-hongkong", "ap-southeast-1", None)])
def test_ga_entry_versus_origin(tmp_path, entry, origin, expected):
    text = f'''
resource "alicloud_ga_accelerator" "a" {{
  spec = "1"
}}
resource "alicloud_ga_ip_set" "entry" {{
  accelerator_id       = alicloud_ga_accelerator.a.id
  accelerate_region_id = "{entry}"
}}
resource "alicloud_ga_endpoint_group" "origin" {{
  accelerator_id        = alicloud_ga_accelerator.a.id
  listener_id           = "lsr-1"
  endpoint_group_region = "{origin}"
}}
'''
    hits = _hits(_scan(tmp_path, text), "XB401")
    assert hits.get("alicloud_ga_ip_set.entry") == expected
    assert hits.get("alicloud_ga_endpoint_group.origin") == expected


# -- XB402 CDN ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("scope,content,typ,expected", [
    ("overseas", "223.5.5.5", "ipaddr", "error"),
    ("global", "example-bucket.oss-cn-hangzhou.aliyuncs.com", "oss", "error"),
    ("global", "origin.example.com", "domain", "warning"),
    ("overseas", "58.176.0.1", "ipaddr", None),
    ("overseas", "example-bucket.oss-cn-hongkong.aliyuncs.com", "oss", None),
    ("domestic", "223.5.5.5", "ipaddr", None),
    ("domestic", "origin.example.com", "domain", None),
])
@pytest.mark.parametrize("rtype", ["alicloud_cdn_domain_new", "alicloud_dcdn_domain"])
def test_cdn_scope(tmp_path, rtype, scope, content, typ, expected):
    text = f'''
resource "{rtype}" "d" {{
  domain_name = "www.example.com"
  scope       = "{scope}"
  sources {{
    content = "{content}"
    type    = "{typ}"
  }}
}}
'''
    assert _hits(_scan(tmp_path, text), "XB402").get(f"{rtype}.d") == expected


def test_cdn_default_scope_is_domestic(tmp_path):
    text = '''
resource "alicloud_cdn_domain_new" "d" {
  domain_name = "www.example.com"
  cdn_type    = "web"
  sources {
    content = "origin.example.com"
    type    = "domain"
  }
}
'''
    assert _scan(tmp_path, text).findings == []


def test_vod_and_live_domains(tmp_path):
    text = '''
resource "alicloud_vod_domain" "v" {
  domain_name = "v.example.com"
  scope       = "overseas"
  sources {
    source_content = "114.114.114.114"
    source_type    = "ipaddr"
  }
}
resource "alicloud_live_domain" "l" {
  domain_name = "l.example.com"
  domain_type = "liveVideo"
  region      = "cn-beijing"
  scope       = "global"
}
resource "alicloud_live_domain" "hk" {
  domain_name = "hk.example.com"
  domain_type = "liveVideo"
  region      = "cn-hongkong"
  scope       = "overseas"
}
'''
    assert _hits(_scan(tmp_path, text), "XB402") == {"alicloud_vod_domain.v": "error",
                                                     "alicloud_live_domain.l": "error"}


def test_esa_site(tmp_path):
    text = '''
resource "alicloud_esa_site" "opt" {
  site_name                 = "a.example.com"
  coverage                  = "global"
  cross_border_optimization = "on"
}
resource "alicloud_esa_site" "global" {
  site_name = "b.example.com"
  coverage  = "global"
}
resource "alicloud_esa_site" "cn" {
  site_name = "c.example.com"
  coverage  = "domestic"
}
'''
    assert _hits(_scan(tmp_path, text), "XB402") == {"alicloud_esa_site.opt": "error",
                                                     "alicloud_esa_site.global": "warning"}


# -- XB404 Anycast EIP ------------------------------------------------------------------------------

@pytest.mark.parametrize("region,expected", [("cn-hangzhou", "error"), ("cn-hongkong", None),
                                             ("ap-southeast-1", None)])
def test_anycast_eip_binding(tmp_path, region, expected):
    text = f'''
resource "alicloud_eipanycast_anycast_eip_address" "a" {{
  service_location = "international"
}}
resource "alicloud_eipanycast_anycast_eip_address_attachment" "b" {{
  anycast_id              = alicloud_eipanycast_anycast_eip_address.a.id
  bind_instance_id        = "lb-1"
  bind_instance_region_id = "{region}"
  bind_instance_type      = "SlbInstance"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB404").get(
        "alicloud_eipanycast_anycast_eip_address_attachment.b") == expected


@pytest.mark.parametrize("region,expected", [("cn-hangzhou", None), ("cn-hongkong", "error"),
                                             ("ap-southeast-1", "error")])
def test_mainland_anycast_eip_binding(tmp_path, region, expected):
    """service_location = "ChineseMainland" is announced in the mainland: a mainland backend is
    no finding, one abroad is (issue 12 item 11)."""
    text = f'''
resource "alicloud_eipanycast_anycast_eip_address" "a" {{
  service_location = "ChineseMainland"
}}
resource "alicloud_eipanycast_anycast_eip_address_attachment" "b" {{
  anycast_id              = alicloud_eipanycast_anycast_eip_address.a.id
  bind_instance_id        = "lb-1"
  bind_instance_region_id = "{region}"
  bind_instance_type      = "SlbInstance"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB404").get(
        "alicloud_eipanycast_anycast_eip_address_attachment.b") == expected


def test_anycast_eip_declared_elsewhere_is_unknown(tmp_path):
    """An Anycast EIP may serve the mainland (ChineseMainland) or the rest of the world: one
    that is not in the configuration leaves the far end unknown, a warning."""
    text = '''
resource "alicloud_eipanycast_anycast_eip_address_attachment" "b" {
  anycast_id              = "aeip-0example"
  bind_instance_id        = "lb-1"
  bind_instance_region_id = "cn-shanghai"
  bind_instance_type      = "SlbInstance"
}
'''
    assert _hits(_scan(tmp_path, text), "XB404") == {
        "alicloud_eipanycast_anycast_eip_address_attachment.b": "warning"}


# -- Internet exits are never flagged -----------------------------------------------------------------

def test_internet_exits_are_clean(tmp_path):
    text = SH + '''
resource "alicloud_nat_gateway" "egress" {
  vpc_id       = "vpc-1"
  vswitch_id   = "vsw-1"
  nat_type     = "Enhanced"
  network_type = "internet"
}
resource "alicloud_eip_address" "egress" {
  isp = "BGP"
}
resource "alicloud_eip_association" "egress" {
  allocation_id = alicloud_eip_address.egress.id
  instance_id   = alicloud_nat_gateway.egress.id
}
resource "alicloud_common_bandwidth_package" "shared" {
  bandwidth = 100
  isp       = "BGP"
}
resource "alicloud_vpn_gateway" "gw" {
  vpc_id     = "vpc-1"
  bandwidth  = 10
  enable_ssl = true
}
resource "alicloud_slb_load_balancer" "web" {
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}
'''
    assert _scan(tmp_path, text).findings == []


# -- XB601 / XB602 / XB603 compute ----------------------------------------------------------------------

@pytest.mark.parametrize("proto,ports,cidr,policy,expected", [
    ("udp", "500/500", "18.184.10.10/32", "accept", "error"),
    ("udp", "4500/4500", "0.0.0.0/0", "accept", "warning"),
    ("gre", "-1/-1", "8.8.8.8/32", "accept", "error"),
    ("udp", "51820/51820", "18.184.10.10/32", "drop", None),
    ("udp", "500/500", "114.114.114.114/32", "accept", None),
    ("udp", "500/500", "10.0.0.0/8", "accept", None),
    ("tcp", "443/443", "0.0.0.0/0", "accept", None),
    ("udp", "1/65535", "0.0.0.0/0", "accept", None),
])
def test_security_group_rule(tmp_path, proto, ports, cidr, policy, expected):
    text = SH + f'''
resource "alicloud_security_group_rule" "r" {{
  type              = "ingress"
  ip_protocol       = "{proto}"
  port_range        = "{ports}"
  cidr_ip           = "{cidr}"
  policy            = "{policy}"
  security_group_id = "sg-1"
}}
'''
    assert _hits(_scan(tmp_path, text), "XB601").get("alicloud_security_group_rule.r") == expected


def test_egress_rule_to_foreign_peer(tmp_path):
    text = SH + '''
resource "alicloud_security_group_rule" "r" {
  type              = "egress"
  ip_protocol       = "udp"
  port_range        = "1194/1194"
  cidr_ip           = "8.8.8.8/32"
  security_group_id = "sg-1"
}
'''
    assert _hits(_scan(tmp_path, text), "XB601") == {"alicloud_security_group_rule.r": "error"}


def test_network_acl_entries(tmp_path):
    text = SH + '''
resource "alicloud_network_acl" "acl" {
  vpc_id = "vpc-1"
  egress_acl_entries {
    protocol            = "udp"
    port                = "51820/51820"
    destination_cidr_ip = "18.184.10.10/32"
    policy              = "accept"
  }
}
'''
    assert _hits(_scan(tmp_path, text), "XB601") == {"alicloud_network_acl.acl": "error"}


@pytest.mark.parametrize("rtype", ["alicloud_instance", "alicloud_ecs_launch_template",
                                   "alicloud_ess_scaling_configuration"])
def test_user_data_tunnel_software(tmp_path, rtype):
    text = SH + f'''
resource "{rtype}" "x" {{
  user_data = <<-EOT
    #!/bin/bash
    bash <(curl -L https://example.invalid/install-release.sh)
    systemctl enable --now xray
  EOT
}}
'''
    assert _hits(_scan(tmp_path, text), "XB602") == {f"{rtype}.x": "error"}


def test_user_data_in_hong_kong_is_clean(tmp_path):
    text = HK + '''
resource "alicloud_instance" "x" {
  user_data = <<-EOT
    #!/bin/bash
    apt-get install -y wireguard
    cat > /etc/wireguard/wg0.conf <<'EOF'
    [Peer]
    Endpoint = 58.176.0.1:51820
    EOF
  EOT
}
'''
    assert _scan(tmp_path, text).findings == []


@pytest.mark.parametrize("body,expected", [
    ("source_dest_check = false", "info"),
    ("network_interfaces {\n    source_dest_check = false\n  }", "info"),
    ("source_dest_check = true", None),
    ("", None),
])
def test_forwarding_instance(tmp_path, body, expected):
    text = SH + f'resource "alicloud_instance" "x" {{\n  instance_type = "ecs.g7.large"\n  {body}\n}}\n'
    assert _hits(_scan(tmp_path, text), "XB603").get("alicloud_instance.x") == expected


# -- XB104: a VPC route entry into a VPN gateway reaches the gateway's connections -----------------
def _route_entry_to_gateway(ip: str) -> str:
    return SH + f'''
resource "alicloud_vpn_gateway" "gw" {{
  vpn_gateway_name = "gw"
  vpc_id           = "vpc-1"
  bandwidth        = 10
}}
resource "alicloud_vpn_customer_gateway" "cgw" {{
  ip_address = "{ip}"
}}
resource "alicloud_vpn_connection" "c" {{
  vpn_gateway_id      = alicloud_vpn_gateway.gw.id
  customer_gateway_id = alicloud_vpn_customer_gateway.cgw.id
  local_subnet        = ["10.0.0.0/8"]
  remote_subnet       = ["192.168.0.0/16"]
}}
resource "alicloud_route_entry" "default" {{
  route_table_id        = "vtb-1"
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "VpnGateway"
  nexthop_id            = alicloud_vpn_gateway.gw.id
}}
'''


@pytest.mark.parametrize("ip,expected", [("18.184.10.10", "error"), ("223.5.5.5", None)])
def test_xb104_route_entry_follows_gateway_to_connections(tmp_path, ip, expected):
    hits = _hits(_scan(tmp_path, _route_entry_to_gateway(ip)), "XB104")
    assert hits == ({"alicloud_route_entry.default": expected} if expected else {})


def test_xb104_route_entry_to_undeclared_gateway_warns(tmp_path):
    text = SH + '''
resource "alicloud_route_entry" "default" {
  route_table_id        = "vtb-1"
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "VpnGateway"
  nexthop_id            = "vpn-bp1abc"
}
resource "alicloud_route_entry" "nat" {
  route_table_id        = "vtb-1"
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "NatGateway"
  nexthop_id            = "ngw-bp1abc"
}
'''
    assert _hits(_scan(tmp_path, text), "XB104") == {"alicloud_route_entry.default": "warning"}
