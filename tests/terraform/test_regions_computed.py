"""Values another resource computes are located where it is; data sources that echo their
provider's region are that region (SPEC §9, issue 12 items 4 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import findings_of as hits
from _cases import write
from exitlint.app import ScanOptions, scan
from exitlint.geo.computed import attribute_path, is_data, load_computed
from exitlint.geo.geography import load_catalogue
from exitlint.model import EndClass


def _scan(root: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    for rel, text in files.items():
        write(root, rel, text)
    return scan(ScanOptions(paths=[root], base=root))


CROSS_CLOUD = '''
provider "alicloud" {
  region = "cn-shanghai"
}
provider "tencentcloud" {
  region = "%s"
}
resource "alicloud_vpn_gateway" "sh" {
  vpc_id    = "vpc-1"
  bandwidth = 10
}
resource "tencentcloud_vpn_gateway" "peer" {
  name   = "peer"
  zone   = "%s-2"
  vpc_id = "vpc-2"
}
resource "alicloud_vpn_customer_gateway" "to_tencent" {
  ip_address = tencentcloud_vpn_gateway.peer.public_ip_address
}
resource "tencentcloud_vpn_customer_gateway" "to_ali" {
  name              = "sh"
  public_ip_address = alicloud_vpn_gateway.sh.internet_ip
}
'''


def test_cross_cloud_vpn_shanghai_to_hong_kong_is_an_error(tmp_path: Path) -> None:
    r = _scan(tmp_path, {"main.tf": CROSS_CLOUD % ("ap-hongkong", "ap-hongkong")})
    found = {f.resource: f for f in hits(r, "XB101")}
    assert set(found) == {"alicloud_vpn_customer_gateway.to_tencent",
                          "tencentcloud_vpn_customer_gateway.to_ali"}
    assert all(f.severity.value == "error" for f in found.values())
    ali = found["alicloud_vpn_customer_gateway.to_tencent"]
    assert ali.remote.cls is EndClass.NON_MAINLAND
    assert ali.remote.value == "ap-hongkong"  # the owner's region: match.regions can name it
    assert "tencentcloud_vpn_gateway.peer.public_ip_address" in ali.message
    assert "computed by tencentcloud_vpn_gateway.peer" in ali.message
    assert "ap-hongkong" in ali.message
    tencent = found["tencentcloud_vpn_customer_gateway.to_ali"]
    assert tencent.remote.cls is EndClass.MAINLAND and tencent.local.value == "ap-hongkong"


def test_cross_cloud_vpn_shanghai_to_guangzhou_is_nothing(tmp_path: Path) -> None:
    r = _scan(tmp_path, {"main.tf": CROSS_CLOUD % ("ap-guangzhou", "ap-guangzhou")})
    assert hits(r, "XB101") == []


def test_computed_address_through_a_module_output(tmp_path: Path) -> None:
    r = _scan(tmp_path, {
        "main.tf": '''
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
''',
        "edge/main.tf": '''
resource "huaweicloud_vpc_eip" "gw" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "gw"
    size        = 5
    share_type  = "PER"
    charge_mode = "traffic"
  }
}
output "public_ip" {
  value = huaweicloud_vpc_eip.gw.address
}
''',
    })
    [f] = hits(r, "XB101")
    assert f.severity.value == "error" and f.remote.cls is EndClass.NON_MAINLAND
    assert "module.edge.huaweicloud_vpc_eip.gw" in f.message and "ap-southeast-1" in f.message


def test_owner_without_a_region_is_unknown_and_named(tmp_path: Path) -> None:
    r = _scan(tmp_path, {"main.tf": '''
provider "alicloud" {
  region = "cn-shanghai"
}
resource "aws_vpn_connection" "aws" {
  vpn_gateway_id      = "vgw-1"
  customer_gateway_id = "cgw-1"
  type                = "ipsec.1"
}
resource "alicloud_vpn_customer_gateway" "to_aws" {
  ip_address = aws_vpn_connection.aws.tunnel1_address
}
'''})
    [f] = hits(r, "XB101", "alicloud_vpn_customer_gateway.to_aws")
    assert f.severity.value == "warning" and f.remote.cls is EndClass.UNKNOWN
    assert "aws_vpn_connection.aws" in f.message


def test_an_attribute_not_in_the_table_stays_unknown(tmp_path: Path) -> None:
    # a VPN gateway's `id` is no address: unknown, as before
    r = _scan(tmp_path, {"main.tf": '''
provider "alicloud" {
  region = "cn-shanghai"
}
resource "alicloud_vpn_gateway" "sh" {
  vpc_id = "vpc-1"
}
resource "alicloud_vpn_customer_gateway" "odd" {
  ip_address = alicloud_vpn_gateway.sh.vpc_id_not_an_ip
}
'''})
    [f] = hits(r, "XB101")
    assert f.remote.cls is EndClass.UNKNOWN and "only known after apply" in f.message


TGW = '''
provider "aws" {
  region = "cn-north-1"
}
provider "aws" {
  alias  = "peer"
  region = "%s"
}
resource "aws_ec2_transit_gateway_peering_attachment" "x" {
  transit_gateway_id      = "tgw-1"
  peer_transit_gateway_id = "tgw-2"
  peer_region             = %s
}
%s
'''


@pytest.mark.parametrize(("peer", "peer_region", "extra", "expected"), [
    # a region read from another resource's computed attributes (provider v6 `region`)
    ("ap-east-1", "aws_ec2_transit_gateway.peer.region",
     'resource "aws_ec2_transit_gateway" "peer" {\n  provider = aws.peer\n}', "error"),
    ("cn-northwest-1", "aws_ec2_transit_gateway.peer.region",
     'resource "aws_ec2_transit_gateway" "peer" {\n  provider = aws.peer\n}', None),
    # data.aws_region echoes its provider's region
    ("eu-central-1", "data.aws_region.peer.name",
     'data "aws_region" "peer" {\n  provider = aws.peer\n}', "error"),
    ("cn-northwest-1", "data.aws_region.peer.id",
     'data "aws_region" "peer" {\n  provider = aws.peer\n}', None),
    ("cn-northwest-1", '"${data.aws_region.peer.region}"',
     'data "aws_region" "peer" {\n  provider = aws.peer\n}', None),
    # ... unless it selects another region: then its id is unknown
    ("cn-northwest-1", "data.aws_region.other.id",
     'data "aws_region" "other" {\n  endpoint = var.endpoint\n}\nvariable "endpoint" {}',
     "warning"),
])
def test_region_read_from_another_resource_or_an_echo(tmp_path: Path, peer: str,
                                                      peer_region: str, extra: str,
                                                      expected: str | None) -> None:
    r = _scan(tmp_path, {"main.tf": TGW % (peer, peer_region, extra)})
    assert [f.severity.value for f in hits(r, "XB202")] == ([expected] if expected else [])


def test_data_aws_region_of_the_default_provider(tmp_path: Path) -> None:
    r = _scan(tmp_path, {"main.tf": TGW % ("cn-northwest-1", "data.aws_region.current.name",
                                           'data "aws_region" "current" {}')})
    assert hits(r, "XB202") == []  # cn-north-1 to cn-north-1


ALI_PEER = '''
provider "alicloud" {
  region = "cn-beijing"
}
provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
}
data "alicloud_regions" "hk" {
  provider = alicloud.hk
  %s
}
resource "alicloud_cen_transit_router_peer_attachment" "bj_hk" {
  cen_id                         = "cen-1"
  transit_router_id              = "tr-1"
  peer_transit_router_id         = "tr-2"
  peer_transit_router_region_id  = %s
}
'''


@pytest.mark.parametrize(("args", "ref", "expected"), [
    ("current = true", "data.alicloud_regions.hk.ids[0]", "error"),
    ("current = true", "data.alicloud_regions.hk.regions[0].id", "error"),
    ("", "data.alicloud_regions.hk.ids[0]", "warning"),  # all regions: not an echo
])
def test_alicloud_regions_current_echoes_its_provider(tmp_path: Path, args: str, ref: str,
                                                      expected: str) -> None:
    r = _scan(tmp_path, {"main.tf": ALI_PEER % (args, ref)})
    severities = {f.severity.value for f in hits(r, "XB202") + hits(r, "XB203")}
    assert severities == {expected}


def test_table_paths_and_data_addresses() -> None:
    assert attribute_path("regions[0].id") == "regions.id"
    assert attribute_path('eip1["a"].ip_address') == "eip1.ip_address"
    assert is_data("module.x.data.aws_region.current", "aws_region")
    assert not is_data("aws_region_thing.data", "aws_region_thing")


def test_computed_tables_name_known_providers_and_prefixes() -> None:
    import yaml
    from exitlint.resources import checks_dir

    providers = load_catalogue().providers
    for path in sorted((checks_dir() / "computed").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["provider"] == path.stem and path.stem in providers
        assert tuple(doc["prefixes"]) == providers[path.stem].prefixes
        for type_ in [*(doc.get("resources") or {}), *(doc.get("data_sources") or {})]:
            assert any(type_.startswith(p) for p in doc["prefixes"]), type_
    table = load_computed()
    assert table.resources["aws_vpn_connection"].kind("tunnel1_address") == "address"
    assert table.data_sources["aws_region"].kind("name") == "region"


def test_computed_files_match_their_schema() -> None:
    import json

    import jsonschema
    import yaml
    from exitlint.resources import checks_dir, schemas_dir

    schema = json.loads((schemas_dir() / "computed.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((checks_dir() / "computed").glob("*.yaml"))
    assert len(files) >= 4
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, (path.name, errors[:1])


def test_an_approved_exit_matches_the_owners_region(tmp_path: Path) -> None:
    write(tmp_path, ".exitlint.yaml", """\
version: 1
approved_exits:
  - id: ct-iplc-sha-hkg
    carrier: china-telecom
    approval: "CT-IPLC-2026-0007"
    match:
      resources: [alicloud_vpn_customer_gateway.to_tencent]
      regions: [ap-hongkong]
""")
    (tmp_path / ".git").mkdir()
    r = _scan(tmp_path, {"main.tf": CROSS_CLOUD % ("ap-hongkong", "ap-hongkong")})
    live = [f.resource for f in hits(r, "XB101") if not f.suppressed]
    assert live == ["tencentcloud_vpn_customer_gateway.to_ali"]


def test_google_ha_vpn_interface_address_is_outside(tmp_path: Path) -> None:
    r = _scan(tmp_path, {"main.tf": '''
provider "aws" {
  region = "cn-north-1"
}
provider "google" {
  region = "asia-east2"
}
resource "google_compute_ha_vpn_gateway" "gw" {
  name    = "to-aws"
  network = "default"
}
resource "aws_customer_gateway" "gcp" {
  count      = 2
  bgp_asn    = 65010
  ip_address = google_compute_ha_vpn_gateway.gw.vpn_interfaces[count.index].ip_address
  type       = "ipsec.1"
}
'''})
    [f] = hits(r, "XB101")
    assert f.severity.value == "error" and f.remote.cls is EndClass.NON_MAINLAND
    assert "google_compute_ha_vpn_gateway.gw" in f.message


@pytest.mark.parametrize(("eip1", "region", "expected"), [
    # eip1 configured with an existing EIP's id: its ip_address is still computed, not null
    ('eip1 {\n    id = "eip-1"\n  }', "ap-southeast-1", "error"),
    ('eip1 {\n    id = "eip-1"\n  }', "cn-east-3", None),
    ("", "ap-southeast-1", "error"),  # eip1 left to the provider entirely
])
def test_address_computed_inside_a_configured_nested_block(tmp_path: Path, eip1: str,
                                                           region: str,
                                                           expected: str | None) -> None:
    r = _scan(tmp_path, {"main.tf": f'''
provider "huaweicloud" {{
  region = "{region}"
}}
provider "aws" {{
  region = "cn-north-1"
}}
resource "huaweicloud_vpn_gateway" "gw" {{
  name               = "gw"
  vpc_id             = "vpc-1"
  local_subnets      = ["10.0.0.0/16"]
  connect_subnet     = "subnet-1"
  availability_zones = ["{region}a"]
  {eip1}
}}
resource "aws_customer_gateway" "huawei" {{
  bgp_asn    = 65010
  ip_address = huaweicloud_vpn_gateway.gw.eip1[0].ip_address
  type       = "ipsec.1"
}}
'''})
    assert [f.severity.value for f in hits(r, "XB101")] == ([expected] if expected else [])


def test_an_unset_argument_of_a_nested_block_stays_null(tmp_path: Path) -> None:
    from exitlint.model import ResourceRef
    from test_evaluator import load

    m = load(tmp_path, {"main.tf": '''
resource "huaweicloud_vpn_gateway" "gw" {
  name = "gw"
  eip1 {
    id = "eip-1"
  }
}
locals {
  eip_type = huaweicloud_vpn_gateway.gw.eip1[0].type
  eip_ip   = huaweicloud_vpn_gateway.gw.eip1[0].ip_address
  eip_id   = huaweicloud_vpn_gateway.gw.eip1[0].id
}
'''})
    assert m.local("eip_type") is None  # an argument left out: null, as Terraform has it
    assert m.local("eip_id") == "eip-1"
    ip = m.local("eip_ip")  # computed by the provider: a reference to the gateway
    assert isinstance(ip, ResourceRef) and str(ip) == "huaweicloud_vpn_gateway.gw.eip1.ip_address"
