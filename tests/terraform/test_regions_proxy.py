"""Proxy provider blocks in child modules (SPEC §9, issue 12 items 2 and 6b): an empty block,
or one holding only `alias`, stands for the configuration the caller passes or lets inherit."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import write
from _cases import findings_of as hits
from exitlint.app import ScanOptions, scan
from exitlint.model import EndClass

ALI_CGW = '''
resource "alicloud_vpn_customer_gateway" "office" {
  ip_address = "%s"
}
'''
AWS_CGW = '''
resource "aws_customer_gateway" "office" {
  %s
  bgp_asn    = 65010
  ip_address = "%s"
  type       = "ipsec.1"
}
'''
CN_PEER, US_PEER = "114.114.114.114", "18.184.10.10"


def _scan(root: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    for rel, text in files.items():
        write(root, rel, text)
    return scan(ScanOptions(paths=[root], base=root))


def test_empty_block_takes_the_callers_provider_map(tmp_path: Path) -> None:
    r = _scan(tmp_path, {
        "main.tf": '''
provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
}
module "office" {
  source    = "./office"
  providers = { alicloud = alicloud.hk }
}
''',
        "office/main.tf": 'provider "alicloud" {}\n' + ALI_CGW % CN_PEER,
    })
    [f] = hits(r, "XB101")
    # not the documented default cn-beijing of a fresh provider: the caller's Hong Kong one
    assert f.severity.value == "error" and f.local.value == "cn-hongkong"
    assert f.resource == "module.office.alicloud_vpn_customer_gateway.office"


def test_empty_block_inherits_the_callers_default_configuration(tmp_path: Path) -> None:
    r = _scan(tmp_path, {
        "main.tf": 'provider "alicloud" {\n  region = "cn-hongkong"\n}\n'
                   'module "office" {\n  source = "./office"\n}\n',
        "office/main.tf": 'provider "alicloud" {}\n' + ALI_CGW % CN_PEER,
    })
    [f] = hits(r, "XB101")
    assert f.local.value == "cn-hongkong" and f.severity.value == "error"


def test_alias_only_block_is_a_proxy_for_the_mapped_configuration(tmp_path: Path) -> None:
    r = _scan(tmp_path, {
        "main.tf": '''
provider "aws" {
  region = "eu-central-1"
}
provider "aws" {
  alias  = "beijing"
  region = "cn-north-1"
}
module "office" {
  source    = "./office"
  providers = { aws = aws, aws.peer = aws.beijing }
}
''',
        "office/main.tf": 'provider "aws" {\n  alias = "peer"\n}\n'
                          + AWS_CGW % ("provider = aws.peer", US_PEER),
    })
    [f] = hits(r, "XB101")
    assert f.local.value == "cn-north-1" and f.severity.value == "error"


def test_configuration_aliases_take_the_mapped_configuration(tmp_path: Path) -> None:
    r = _scan(tmp_path, {
        "main.tf": '''
provider "aws" {
  alias  = "ningxia"
  region = "cn-northwest-1"
}
module "office" {
  source    = "./office"
  providers = { aws.peer = aws.ningxia }
}
''',
        "office/main.tf": '''
terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.peer]
    }
  }
}
''' + AWS_CGW % ("provider = aws.peer", US_PEER),
    })
    [f] = hits(r, "XB101")
    assert f.local.value == "cn-northwest-1" and f.severity.value == "error"


def test_proxy_with_nothing_passed_or_inherited_has_no_region(tmp_path: Path) -> None:
    r = _scan(tmp_path, {
        "main.tf": 'module "office" {\n  source = "./office"\n}\n',
        "office/main.tf": 'provider "aws" {}\n' + AWS_CGW % ("", US_PEER),
    })
    [f] = hits(r, "XB101")
    assert f.local.cls is EndClass.UNKNOWN and f.severity.value == "warning"


@pytest.mark.parametrize(("child_block", "expected"), [
    ('provider "alicloud" {\n  region = "cn-shanghai"\n}\n', None),  # configures: its own
    ('provider "alicloud" {\n  alias = "x"\n}\n', "cn-hongkong"),  # unused alias: inherited
])
def test_a_configuring_child_block_is_its_own(tmp_path: Path, child_block: str,
                                              expected: str | None) -> None:
    r = _scan(tmp_path, {
        "main.tf": 'provider "alicloud" {\n  region = "cn-hongkong"\n}\n'
                   'module "office" {\n  source = "./office"\n}\n',
        "office/main.tf": child_block + ALI_CGW % CN_PEER,
    })
    found = hits(r, "XB101")
    assert [f.local.value for f in found] == ([expected] if expected else [])


def test_empty_block_in_the_root_module_is_a_real_configuration(tmp_path: Path) -> None:
    # alicloud's documented default region cn-beijing: a CN peer is nothing, a US peer an error
    r = _scan(tmp_path, {"main.tf": 'provider "alicloud" {}\n' + ALI_CGW % US_PEER})
    [f] = hits(r, "XB101")
    assert f.local.value == "cn-beijing" and f.severity.value == "error"
