"""No silent cut-offs (issue 10 §2): every limit that stops evaluation is a finding.

XB001: the 65th count/for_each instance, the 65th value at an attribute path, dynamic blocks
past the limit, modules deeper than 16 (D9, D10). XB002: module calls that cannot be read, e.g.
a registry or git module never downloaded (D13). Each is a warning at the block that was cut,
in JSON like any finding, suppressible like any finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _cases import FOREIGN_PEER, findings_of, project, run_json, write
from exitlint.app import ScanOptions, scan

PROVIDER = 'provider "aws" {\n  region = "cn-north-1"\n}\n'
# 64 harmless private peers, then a foreign one: the padding attack of D9
PEERS = ('locals {\n  peers = concat([for i in range(64) : "10.0.0.${i}"], '
         f'["{FOREIGN_PEER}"])\n}}\n')


def _scan(root: Path) -> Any:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    return scan(ScanOptions(paths=[root], base=root))


def _only(result: Any, check_id: str) -> Any:
    found = findings_of(result, check_id)
    assert len(found) == 1, [(f.check_id, f.resource, f.message) for f in result.findings]
    return found[0]


def test_65th_for_each_instance_is_a_warning_on_the_resource(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + PEERS + '''
resource "aws_customer_gateway" "office" {
  for_each   = toset(local.peers)
  bgp_asn    = 65010
  ip_address = each.value
  type       = "ipsec.1"
}
''')
    f = _only(_scan(tmp_path), "XB001")
    assert f.severity.value == "warning"
    assert f.resource == "aws_customer_gateway.office"
    assert (f.span.file, f.span.line) == ("main.tf", 8)
    assert "64 of 65 for_each" in f.message and "not checked" in f.message


def test_65th_count_instance_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + PEERS + '''
resource "aws_customer_gateway" "office" {
  count      = length(local.peers)
  bgp_asn    = 65010
  ip_address = local.peers[count.index]
  type       = "ipsec.1"
}
''')
    f = _only(_scan(tmp_path), "XB001")
    assert f.resource == "aws_customer_gateway.office" and "64 of 65 count" in f.message


def test_65th_value_at_an_attribute_path_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + PEERS + '''
resource "aws_security_group" "ike" {
  ingress {
    from_port   = 500
    to_port     = 500
    protocol    = "udp"
    cidr_blocks = [for p in local.peers : "${p}/32"]
  }
}
''')
    f = _only(_scan(tmp_path), "XB001")
    assert f.resource == "aws_security_group.ike" and f.span.line == 8
    assert "64 of 65 values of cidr_blocks" in f.message


def test_65th_dynamic_block_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + PEERS + '''
resource "aws_security_group" "ike" {
  dynamic "ingress" {
    for_each = local.peers
    content {
      from_port   = 500
      to_port     = 500
      protocol    = "udp"
      cidr_blocks = ["${ingress.value}/32"]
    }
  }
}
''')
    f = _only(_scan(tmp_path), "XB001")
    assert f.resource == "aws_security_group.ike" and "dynamic 'ingress'" in f.message


def test_module_call_over_the_instance_limit_is_a_warning_at_the_call(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + PEERS + '''
module "gw" {
  for_each = toset(local.peers)
  source   = "./gw"
  peer     = each.value
}
''')
    write(tmp_path, "gw/main.tf", 'variable "peer" {}\nresource "aws_customer_gateway" "gw" {\n'
          '  bgp_asn    = 65010\n  ip_address = var.peer\n  type       = "ipsec.1"\n}\n')
    f = _only(_scan(tmp_path), "XB001")
    assert (f.resource, f.span.file, f.span.line) == ("module.gw", "main.tf", 8)


def test_under_the_limit_nothing_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + '''
resource "aws_customer_gateway" "office" {
  count      = 64
  bgp_asn    = 65010
  ip_address = "10.0.0.${count.index}"
  type       = "ipsec.1"
}
''')
    assert _scan(tmp_path).findings == []


def _nested(root: Path, depth: int) -> None:
    """depth pass-through modules, the VPN in the last one (D10)."""
    write(root, "main.tf", PROVIDER + 'module "m" {\n  source = "./m1"\n}\n')
    for i in range(1, depth + 1):
        inner = (f'module "m" {{\n  source = "./m{i + 1}"\n}}\n' if i < depth else
                 f'resource "aws_customer_gateway" "deep" {{\n  bgp_asn    = 65010\n'
                 f'  ip_address = "{FOREIGN_PEER}"\n  type       = "ipsec.1"\n}}\n')
        write(root, "/".join(f"m{j}" for j in range(1, i + 1)) + "/main.tf", inner)


def test_modules_deeper_than_16_are_a_warning(tmp_path: Path) -> None:
    _nested(tmp_path, 17)
    result = _scan(tmp_path)
    f = _only(result, "XB001")
    assert f.resource == ".".join(["module.m"] * 17)  # the call in the 16th module
    assert f.span.file == "/".join(f"m{j}" for j in range(1, 17)) + "/main.tf"
    assert "deeper than 16" in f.message
    assert findings_of(result, "XB101") == []


def test_modules_16_deep_are_evaluated(tmp_path: Path) -> None:
    _nested(tmp_path, 16)
    result = _scan(tmp_path)
    assert [f.check_id for f in result.findings] == ["XB101"]


REMOTE = PROVIDER + '''
module "vpn" {
  source  = "git::https://example.com/vpn.git"
  peer_ip = "52.0.0.1"
}
'''


def test_module_not_downloaded_is_a_warning_naming_the_source(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", REMOTE)
    f = _only(_scan(tmp_path), "XB002")
    assert (f.resource, f.span.line, f.severity.value) == ("module.vpn", 5, "warning")
    assert "git::https://example.com/vpn.git" in f.message and "terraform init" in f.message


def test_module_source_not_a_literal_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + 'variable "src" {}\nmodule "x" {\n'
          '  source = var.src\n}\n')
    f = _only(_scan(tmp_path), "XB002")
    assert f.resource == "module.x" and "not a literal" in f.message


def test_module_directory_without_terraform_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path, "main.tf", PROVIDER + 'module "x" {\n  source = "./empty"\n}\n')
    assert _only(_scan(tmp_path), "XB002").resource == "module.x"


def test_unknown_policy_applies_to_xb002_not_to_xb001(tmp_path: Path, capsys: Any) -> None:
    write(tmp_path, "main.tf", REMOTE + PEERS + '''
resource "aws_customer_gateway" "office" {
  count      = 65
  bgp_asn    = 65010
  ip_address = "10.0.0.1"
  type       = "ipsec.1"
}
''')
    project(tmp_path, (tmp_path / "main.tf").read_text(), "version: 1\nunknown: ignore\n")
    code, report, _ = run_json(capsys, str(tmp_path))
    assert [f["check_id"] for f in report["findings"]] == ["XB001"] and code == 0
    write(tmp_path, ".exitlint.yaml", "version: 1\nunknown: error\n")
    code, report, _ = run_json(capsys, str(tmp_path))
    sev = {f["check_id"]: f["severity"] for f in report["findings"]}
    assert sev == {"XB001": "warning", "XB002": "error"} and code == 1
    write(tmp_path, ".exitlint.yaml",
          "version: 1\nchecks:\n  XB001: disabled\n  XB002: disabled\n")
    code, report, _ = run_json(capsys, str(tmp_path))
    assert report["findings"] == [] and code == 0


def test_limit_findings_are_suppressible_on_the_block(tmp_path: Path, capsys: Any) -> None:
    project(tmp_path, PROVIDER + '''
# exitlint:ignore XB002 reason="vendored in CI before the scan"
module "vpn" {
  source = "git::https://example.com/vpn.git"
}

resource "aws_customer_gateway" "office" {
  # exitlint:ignore XB001 reason="generated list, reviewed"
  count      = 65
  bgp_asn    = 65010
  ip_address = "10.0.0.1"
  type       = "ipsec.1"
}
''')
    code, report, _ = run_json(capsys, str(tmp_path))
    assert sorted((f["check_id"], f["suppressed"]) for f in report["findings"]) == [
        ("XB001", True), ("XB002", True)]
    assert code == 0


def test_limit_findings_are_reported_once_for_several_roots(tmp_path: Path,
                                                            capsys: Any) -> None:
    shared = 'module "vpn" {\n  source = "git::https://example.com/vpn.git"\n}\n'
    project(tmp_path, "")
    (tmp_path / "main.tf").unlink()
    write(tmp_path, "shared/main.tf", shared)
    for root in ("a", "b"):
        write(tmp_path, f"{root}/main.tf", PROVIDER + 'module "s" {\n  source = "../shared"\n}\n')
    _, report, _ = run_json(capsys, str(tmp_path))
    found = [(f["check_id"], f["file"], f["resource"]) for f in report["findings"]]
    assert found == [("XB002", "shared/main.tf", "module.s.module.vpn")], found


def test_one_warning_per_block_when_instances_differ(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + 'module "gw" {\n  count  = 2\n  source = "./gw"\n'
          '  n      = 65 + count.index\n}\n')
    write(tmp_path, "gw/main.tf", 'variable "n" {}\nresource "aws_customer_gateway" "gw" {\n'
          '  count      = var.n\n  bgp_asn    = 65010\n  ip_address = "10.0.0.1"\n'
          '  type       = "ipsec.1"\n}\n')
    f = _only(_scan(tmp_path), "XB001")
    assert f.resource == "module.gw.aws_customer_gateway.gw"
    assert "64 of 65 count" in f.message and "64 of 66 count" in f.message


def test_65th_value_in_a_plan_is_a_warning_too(tmp_path: Path) -> None:
    # A plan's values pass through the same path reader: its cut is reported, never silent.
    import json

    cidrs = [f"18.184.10.{i}/32" for i in range(65)]
    rule = {"address": "aws_security_group.ike", "mode": "managed", "type": "aws_security_group",
            "name": "ike", "provider_name": "registry.terraform.io/hashicorp/aws",
            "values": {"ingress": [{"from_port": 500, "to_port": 500, "protocol": "udp",
                                    "cidr_blocks": cidrs}]}}
    plan = {"format_version": "1.2", "terraform_version": "1.9.8",
            "planned_values": {"root_module": {"resources": [rule]}},
            "configuration": {
                "provider_config": {"aws": {"name": "aws", "expressions": {
                    "region": {"constant_value": "cn-north-1"}}}},
                "root_module": {"resources": [{"address": "aws_security_group.ike",
                                               "mode": "managed", "type": "aws_security_group",
                                               "name": "ike", "provider_config_key": "aws"}]}}}
    (tmp_path / ".git").mkdir()
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    result = scan(ScanOptions(paths=[tmp_path / "plan.json"], base=tmp_path))
    f = _only(result, "XB001")
    assert f.resource == "aws_security_group.ike" and "64 of 65 values of" in f.message
