"""One finding pipeline for source scans and plans: roots, merged instances, suppression hygiene,
unique fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from _cases import FOREIGN_PEER, write
from exitlint.app import ScanOptions, scan
from exitlint.model import Finding

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "tests" / "data" / "plans" / "xb101-vpn-peer.plan.json"
EXAMPLE = REPO / "examples" / "aws" / "XB101-vpn-peer" / "noncompliant" / "main.tf"

PROVIDER = 'provider "aws" {\n  region = "cn-north-1"\n}\n'
MODULE = '''variable "peer" {}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = var.peer
  type       = "ipsec.1"
}
'''


def _scan(root: Path, *paths: str) -> list[Finding]:
    (root / ".git").mkdir(exist_ok=True)
    targets = [root / p for p in paths] if paths else [root]
    return scan(ScanOptions(paths=targets, base=root)).findings


def test_one_module_from_two_roots_is_two_findings(tmp_path: Path) -> None:
    write(tmp_path, "modules/vpn/main.tf", MODULE)
    for env, peer in (("prod", FOREIGN_PEER), ("staging", "8.8.8.8")):
        write(tmp_path, f"envs/{env}/main.tf", PROVIDER + 'module "vpn" {\n'
              f'  source = "../../modules/vpn"\n  peer   = "{peer}"\n}}\n')
    found = [f for f in _scan(tmp_path) if f.check_id == "XB101"]
    assert [(f.span.file, f.span.line, f.resource, f.root) for f in found] == [
        ("modules/vpn/main.tf", 3, "module.vpn.aws_customer_gateway.office", "envs/prod"),
        ("modules/vpn/main.tf", 3, "module.vpn.aws_customer_gateway.office", "envs/staging")]
    assert len({f.fingerprint for f in found}) == 2


def test_for_each_instances_are_one_finding_that_lists_them(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + '''
resource "aws_customer_gateway" "office" {
  for_each   = {a = "18.184.10.10", b = "8.8.8.8", c = "1.1.1.1"}
  bgp_asn    = 65010
  ip_address = each.value
  type       = "ipsec.1"
}
''')
    [f] = [f for f in _scan(tmp_path) if f.check_id == "XB101"]
    assert f.resource == "aws_customer_gateway.office" and f.root == "."
    assert "(3 instances: " in f.message
    for key, peer in (("a", "18.184.10.10"), ("b", "8.8.8.8"), ("c", "1.1.1.1")):
        assert f'["{key}"]: ip_address {peer}' in f.message


def test_module_instance_keys_name_the_instances(tmp_path: Path) -> None:
    write(tmp_path, "modules/vpn/main.tf", MODULE)
    write(tmp_path, "main.tf", PROVIDER + '''
module "vpn" {
  for_each = {hk = "18.184.10.10", us = "8.8.8.8"}
  source   = "./modules/vpn"
  peer     = each.value
}
''')
    [f] = [f for f in _scan(tmp_path) if f.check_id == "XB101"]
    assert 'module.vpn["hk"].aws_customer_gateway.office: ip_address 18.184.10.10' in f.message


def _hygiene(findings: list[Finding]) -> list[tuple[str, str, int]]:
    return sorted((f.check_id, f.span.file, f.span.line) for f in findings
                  if f.check_id in ("XB903", "XB904", "XB905"))


@pytest.mark.parametrize("comment", ["# exitlint:ignore XB101",
                                     '# exitlint:ignore XB999 reason="typo"'])
def test_plan_and_source_give_the_same_suppression_hygiene(tmp_path: Path,
                                                           comment: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'resource "aws_customer_gateway" "frankfurt" {',
        f'{comment}\nresource "aws_customer_gateway" "frankfurt" {{')
    write(tmp_path, "main.tf", text)
    shutil.copy(PLAN, tmp_path / "plan.json")
    source = _scan(tmp_path, "main.tf")
    plan = _scan(tmp_path, "plan.json")
    assert _hygiene(source) == _hygiene(plan) and len(_hygiene(plan)) == 1
    # the reasonless comment hides nothing in either scan
    assert [f.suppressed for f in plan if f.check_id == "XB101"] == [False, False]
    # scanned together: each hygiene finding once
    assert _hygiene(_scan(tmp_path, "main.tf", "plan.json")) == _hygiene(plan)


def test_plan_locates_blocks_and_provider_with_the_hcl_reader(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "main.tf")
    shutil.copy(PLAN, tmp_path / "plan.json")
    plan = [f for f in _scan(tmp_path, "plan.json") if f.check_id == "XB101"]
    source = [f for f in _scan(tmp_path, "main.tf") if f.check_id == "XB101"]
    assert [(f.span, f.root, f.message) for f in plan] == \
        [(f.span, f.root, f.message) for f in source]
    assert all("provider aws in main.tf" in (f.local.reason if f.local else "") for f in plan)


def _reports() -> list[Path]:
    out = []
    for provider in sorted((REPO / "examples").iterdir()):
        if provider.is_dir():
            out += sorted(p for p in provider.iterdir() if p.is_dir())
    return out


@pytest.mark.parametrize("example", _reports(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fingerprints_and_identities_are_unique_in_every_report(example: Path) -> None:
    findings = scan(ScanOptions(paths=[example], base=example)).findings
    assert len({f.fingerprint for f in findings}) == len(findings)
    identities = [(f.check_id, f.span.file, f.span.line, f.resource, f.root)
                  for f in findings if not f.suppressed]
    assert len(set(identities)) == len(identities)


def test_root_is_in_the_json_schema() -> None:
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    props = json.dumps(schema)
    assert '"root"' in props and '"related"' in props


def test_parallel_workers_get_the_job_from_the_pool(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from exitlint.terraform import scan as tf_scan

    for env, peer in (("a", FOREIGN_PEER), ("b", "8.8.8.8"), ("c", "114.114.114.114")):
        write(tmp_path, f"{env}/main.tf", PROVIDER + MODULE.replace("var.peer", f'"{peer}"'))
    (tmp_path / ".git").mkdir()
    serial = scan(ScanOptions(paths=[tmp_path], base=tmp_path, jobs=1)).findings
    monkeypatch.setattr(tf_scan, "PARALLEL_MIN_DIRS", 0)
    parallel = scan(ScanOptions(paths=[tmp_path], base=tmp_path, jobs=2)).findings
    assert parallel == serial and len(serial) == 2
    from exitlint import parallel

    assert parallel._WORK is None  # the parent process holds no job


def test_baseline_is_keyed_on_root_and_reads_entries_without_one(tmp_path: Path) -> None:
    from exitlint.baseline import apply_baseline, baseline_dict, load_baseline
    from exitlint.model import ScanResult

    write(tmp_path, "modules/vpn/main.tf", MODULE)
    for env in ("prod", "staging"):
        write(tmp_path, f"envs/{env}/main.tf", PROVIDER + 'module "vpn" {\n'
              f'  source = "../../modules/vpn"\n  peer   = "{FOREIGN_PEER}"\n}}\n')
    found = [f for f in _scan(tmp_path) if f.check_id == "XB101"]
    prod = ScanResult(findings=[f for f in found if f.root == "envs/prod"])
    entries = baseline_dict(prod)["findings"]
    assert [e.get("root") for e in entries] == ["envs/prod"]
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"version": 1, "findings": entries}), encoding="utf-8")
    kept, hidden = apply_baseline(ScanResult(findings=found), load_baseline(path))
    assert hidden == 1 and [f.root for f in kept.findings] == ["envs/staging"]
    del entries[0]["root"]  # a baseline written before roots: matches every root
    path.write_text(json.dumps({"version": 1, "findings": entries}), encoding="utf-8")
    assert apply_baseline(ScanResult(findings=found), load_baseline(path))[1] == 2


def test_an_end_read_through_a_reference_has_the_origins_of_where_it_was_read(
        tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + '''
variable "peer" {}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = var.peer
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "office" {
  vpn_gateway_id      = "vgw-1"
  customer_gateway_id = aws_customer_gateway.office.id
  type                = "ipsec.1"
}
''')
    write(tmp_path, "terraform.tfvars", f'peer = "{FOREIGN_PEER}"\n')
    found = {f.resource: f for f in _scan(tmp_path) if f.check_id == "XB101"}
    connection = found["aws_vpn_connection.office"]
    assert ("terraform.tfvars", 1) in [(o.file, o.line) for o in connection.related]
    assert connection.related == found["aws_customer_gateway.office"].related
