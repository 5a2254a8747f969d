"""Edge cases of the Terraform scan, on small configurations written to tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from exitlint.app import ScanOptions, scan

CN_PROVIDER = 'provider "aws" {\n  region = "cn-north-1"\n}\n'


def write(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True, exist_ok=True)  # stop the policy search at tmp_path
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path):
    result = scan(ScanOptions(paths=[root], base=root))
    assert result.errors == []
    return result


def by_resource(result, check_id: str = "XB101") -> dict:
    return {f.resource: f for f in result.findings if f.check_id == check_id}


def cgw(ip_expr: str, name: str = "peer") -> str:
    return f'''
    resource "aws_customer_gateway" "{name}" {{
      bgp_asn    = 65000
      ip_address = {ip_expr}
      type       = "ipsec.1"
    }}
    '''


def test_unresolved_variable_is_a_warning_naming_it(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + '''
    variable "office_ip" {
      type = string
    }
    ''' + cgw("var.office_ip")})
    [f] = run(root).findings
    assert f.check_id == "XB101"
    assert f.severity.value == "warning"
    assert f.resource == "aws_customer_gateway.peer"
    assert "office_ip" in f.message
    assert f.remote.cls.value == "unknown"


def test_tfvars_overrides_default_foreign_to_domestic(tmp_path):
    files = {"main.tf": CN_PROVIDER + '''
    variable "office_ip" {
      type    = string
      default = "18.184.10.10"
    }
    ''' + cgw("var.office_ip")}
    before = run(write(tmp_path / "a", files))
    assert [f.severity.value for f in before.findings] == ["error"]
    files["terraform.tfvars"] = 'office_ip = "114.114.114.114"\n'
    after = run(write(tmp_path / "b", files))
    assert after.findings == []


def test_tfvars_overrides_default_domestic_to_foreign(tmp_path):
    root = write(tmp_path, {
        "main.tf": CN_PROVIDER + '''
        variable "office_ip" {
          type    = string
          default = "114.114.114.114"
        }
        ''' + cgw("var.office_ip"),
        "terraform.tfvars": 'office_ip = "58.176.0.1"\n',
    })
    [f] = run(root).findings
    assert f.severity.value == "error"
    assert "58.176.0.1" in f.message


def test_local_module_with_peer_ip_as_input(tmp_path):
    root = write(tmp_path, {
        "main.tf": CN_PROVIDER + '''
        module "vpn" {
          source  = "./modules/vpn"
          peer_ip = "18.184.10.10"
        }
        ''',
        "modules/vpn/main.tf": '''
        variable "peer_ip" {
          type = string
        }
        resource "aws_customer_gateway" "x" {
          bgp_asn    = 65000
          ip_address = var.peer_ip
          type       = "ipsec.1"
        }
        ''',
    })
    hits = by_resource(run(root))
    assert "module.vpn.aws_customer_gateway.x" in hits
    f = hits["module.vpn.aws_customer_gateway.x"]
    assert f.severity.value == "error"
    assert "registered to US" in f.message


def test_for_each_over_map_of_peers(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + '''
    variable "peers" {
      type = map(string)
      default = {
        frankfurt = "18.184.10.10"
        shanghai  = "114.114.114.114"
      }
    }
    resource "aws_customer_gateway" "office" {
      for_each   = var.peers
      bgp_asn    = 65000
      ip_address = each.value
      type       = "ipsec.1"
      tags = {
        Name = each.key
      }
    }
    '''})
    result = run(root)
    # finding addresses carry no instance key (by design); the worst instance is reported
    [f] = result.findings
    assert (f.check_id, f.resource, f.severity.value) == (
        "XB101", "aws_customer_gateway.office", "error")
    assert f.remote.value == "18.184.10.10"


def test_for_each_all_domestic_is_clean(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + '''
    resource "aws_customer_gateway" "office" {
      for_each   = toset(["114.114.114.114", "223.5.5.5", "10.0.0.1"])
      bgp_asn    = 65000
      ip_address = each.key
      type       = "ipsec.1"
    }
    '''})
    assert run(root).findings == []


def test_conditional_region(tmp_path):
    tf = '''
    variable "hk" {
      type    = bool
      default = %s
    }
    provider "aws" {
      region = var.hk ? "ap-east-1" : "cn-north-1"
    }
    resource "aws_vpc_peering_connection" "p" {
      vpc_id      = "vpc-1"
      peer_vpc_id = "vpc-2"
      peer_region = "cn-northwest-1"
    }
    '''
    hk = run(write(tmp_path / "hk", {"main.tf": tf % "true"}))
    [f] = hk.findings
    assert (f.check_id, f.severity.value) == ("XB201", "error")
    assert f.local.value == "ap-east-1" and f.local.cls.value == "non-mainland"
    cn = run(write(tmp_path / "cn", {"main.tf": tf % "false"}))
    assert cn.findings == []


@pytest.mark.parametrize("region", ["ap-east-1", "ap-east-2"])
def test_hong_kong_and_taiwan_lookalike_regions_are_not_mainland(tmp_path, region):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + f'''
    resource "aws_ec2_transit_gateway_peering_attachment" "x" {{
      peer_region             = "{region}"
      peer_transit_gateway_id = "tgw-2"
      transit_gateway_id      = "tgw-1"
    }}
    '''})
    [f] = run(root).findings
    assert (f.check_id, f.severity.value) == ("XB202", "error")
    assert f.remote.value == region and f.remote.cls.value == "non-mainland"


@pytest.mark.parametrize(("ip", "expected"), [
    ("2001:da8::1", None),           # CERNET, registered to CN
    ("2a00:1450::1", "error"),       # registered abroad
])
def test_ipv6_peer(tmp_path, ip, expected):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + cgw(f'"{ip}"')})
    findings = run(root).findings
    if expected is None:
        assert findings == []
    else:
        [f] = findings
        assert f.severity.value == expected
        assert f.remote.value == ip


def test_private_peer_raises_nothing(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + cgw('"10.1.2.3"')})
    assert run(root).findings == []


def test_documentation_range_is_unknown(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + cgw('"203.0.113.9"')})
    [f] = run(root).findings
    assert f.severity.value == "warning"
    assert f.remote.cls.value == "unknown"


def test_reverse_direction_hong_kong_gateway_to_mainland_office(tmp_path):
    root = write(tmp_path, {"main.tf": '''
    provider "aws" {
      region = "ap-east-1"
    }
    ''' + cgw('"114.114.114.114"')})
    [f] = run(root).findings
    assert (f.check_id, f.severity.value) == ("XB101", "error")
    assert f.local.cls.value == "non-mainland"
    assert f.remote.cls.value == "mainland"
    assert "registered to CN" in f.message


def test_both_ends_outside_mainland_is_out_of_scope(tmp_path):
    root = write(tmp_path, {"main.tf": '''
    provider "aws" {
      region = "eu-central-1"
    }
    ''' + cgw('"8.8.8.8"')})
    assert run(root).findings == []


def test_boot_script_wireguard_peer_abroad(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + '''
    resource "aws_launch_template" "wg" {
      name = "wg"
      user_data = base64encode(<<-EOT
        #!/bin/bash
        apt-get install -y wireguard
        wg set wg0 peer abc= endpoint 1.1.1.1:51820 allowed-ips 10.0.0.0/8
      EOT
      )
    }
    '''})
    [f] = run(root).findings
    assert (f.check_id, f.severity.value) == ("XB602", "error")
    assert f.remote.value == "1.1.1.1"
    assert "user_data (wg set endpoint) 1.1.1.1 is registered to AU" in f.message
    assert "is peer" not in f.message


def test_suppression_with_reason(tmp_path):
    root = write(tmp_path, {"main.tf": CN_PROVIDER + '''
    # exitlint:ignore XB101 reason="leased via CU contract 42"
    resource "aws_customer_gateway" "peer" {
      bgp_asn    = 65000
      ip_address = "18.184.10.10"
      type       = "ipsec.1"
    }
    '''})
    findings = run(root).findings
    assert findings and all(f.suppressed for f in findings if f.check_id == "XB101")
