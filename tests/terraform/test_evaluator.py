"""Static evaluation of Terraform modules: values, functions, expansion, modules, providers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _cases import cgw, write
from exitlint.app import ScanOptions, scan
from exitlint.repositories import Repositories
from exitlint.terraform.files import FileReader
from exitlint.terraform.instances import Limits, ModuleInstance, Project
from exitlint.terraform.values import ResourceRef, Unknown


def load(root: Path, files: dict[str, str], inputs: dict[str, Any] | None = None
         ) -> ModuleInstance:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        write(root, rel, text)
    reader = FileReader(lambda p: str(p.relative_to(root)) if p.is_relative_to(root) else str(p))
    source = reader.load_dir(root)
    assert source is not None
    project = Project(reader.load_dir, Limits(Repositories.of([root])))
    return ModuleInstance(project, source, (), None, None, None, inputs or {})


def locals_of(tmp_path: Path, body: str, **extra: str) -> ModuleInstance:
    return load(tmp_path, {"main.tf": body, **extra})


def test_variables_locals_templates(tmp_path: Path) -> None:
    m = locals_of(tmp_path, '''
variable "env" {
  default = "prod"
}
variable "peer" {}
locals {
  name   = "vpn-${var.env}"
  nested = "${local.name}-x"
  heredoc = <<-EOT
    env=${var.env}
    EOT
  missing = var.peer
}
''')
    assert m.local("name") == "vpn-prod"
    assert m.local("nested") == "vpn-prod-x"
    assert m.local("heredoc") == "env=prod\n"
    assert isinstance(m.local("missing"), Unknown)
    assert "no default" in m.local("missing").reason


def test_inputs_override_defaults(tmp_path: Path) -> None:
    m = load(tmp_path, {"main.tf": 'variable "r" {\n  default = "a"\n}\n'}, {"r": "b"})
    assert m.var("r") == "b"


def test_conditionals_on_literals(tmp_path: Path) -> None:
    m = locals_of(tmp_path, '''
variable "on" {
  default = true
}
locals {
  a = var.on ? "cn-north-1" : "ap-east-1"
  b = false ? "x" : "y"
  c = !true ? 1 : 2
}
''')
    assert m.local("a") == "cn-north-1"
    assert m.local("b") == "y"
    assert m.local("c") == 2


def test_conditional_with_comparison(tmp_path: Path) -> None:
    m = locals_of(tmp_path, '''
variable "env" {
  default = "prod"
}
locals {
  region = var.env == "prod" ? "cn-north-1" : "ap-east-1"
  n      = length(var.env) + 1
}
''')
    assert m.local("region") == "cn-north-1"
    assert m.local("n") == 5


def test_negated_variable(tmp_path: Path) -> None:
    m = locals_of(tmp_path, 'variable "on" {\n  default = true\n}\n'
                  'locals {\n  c = !var.on ? 1 : 2\n}\n')
    assert m.local("c") == 2


FUNCTIONS = '''
locals {
  m       = { a = "1", b = "2" }
  l       = ["x", "y", "z"]
  lookup1 = lookup(local.m, "a", "d")
  lookup2 = lookup(local.m, "q", "d")
  merged  = merge(local.m, { b = "B", c = "C" })
  concat1 = concat(local.l, ["w"])
  fmt     = format("%s-%d/%s", "vpn", 7, upper("x"))
  joined  = join(",", local.l)
  coal    = coalesce("", null, "first")
  tried   = try(local.m.nope, "fallback")
  tried2  = try(local.m.a, "fallback")
  str     = tostring(5)
  set     = toset(["b", "a", "b"])
  list    = tolist(["q"])
  elem    = element(local.l, 4)
  ks      = keys(local.m)
  vs      = values(local.m)
  low     = lower("CN-North-1")
  up      = upper("cn")
  rep     = replace("cn_north_1", "_", "-")
  nest    = upper(lookup({ r = "cn-north-1" }, "r"))
}
'''


@pytest.mark.parametrize(("name", "expected"), [
    ("lookup1", "1"), ("lookup2", "d"),
    ("merged", {"a": "1", "b": "B", "c": "C"}),
    ("concat1", ["x", "y", "z", "w"]),
    ("fmt", "vpn-7/X"), ("joined", "x,y,z"), ("coal", "first"),
    ("tried", "fallback"), ("tried2", "1"), ("str", "5"),
    ("list", ["q"]), ("elem", "y"),
    ("ks", ["a", "b"]), ("vs", ["1", "2"]),
    ("low", "cn-north-1"), ("up", "CN"), ("rep", "cn-north-1"), ("nest", "CN-NORTH-1"),
])
def test_functions(tmp_path: Path, name: str, expected: Any) -> None:
    m = locals_of(tmp_path, FUNCTIONS)
    assert m.local(name) == expected


def test_toset_deduplicates(tmp_path: Path) -> None:
    value = locals_of(tmp_path, FUNCTIONS).local("set")
    assert sorted(value) == ["a", "b"]


def test_unknown_function_is_unknown(tmp_path: Path) -> None:
    m = locals_of(tmp_path, 'locals {\n  a = no_such_fn(1)\n  b = upper(var.nope)\n}\n')
    assert isinstance(m.local("a"), Unknown)
    assert isinstance(m.local("b"), Unknown)


def test_for_expressions(tmp_path: Path) -> None:
    m = locals_of(tmp_path, '''
locals {
  l = ["a", "b"]
  m = { x = "1", y = "2" }
  up   = [for s in local.l : upper(s)]
  obj  = { for k, v in local.m : v => k }
  filt = [for k, v in local.m : k if v != "1"]
}
''')
    assert m.local("up") == ["A", "B"]
    assert m.local("obj") == {"1": "x", "2": "y"}


def test_cyclic_locals_are_unknown(tmp_path: Path) -> None:
    m = locals_of(tmp_path, 'locals {\n  a = local.b\n  b = "${local.a}-x"\n  c = local.c\n}\n')
    assert isinstance(m.local("a"), Unknown)
    assert isinstance(m.local("c"), Unknown)


def test_count_and_for_each(tmp_path: Path) -> None:
    m = locals_of(tmp_path, '''
locals {
  peers = { fra = "18.184.10.10", sha = "114.114.114.114" }
}
resource "aws_customer_gateway" "each" {
  for_each   = local.peers
  ip_address = each.value
  type       = "${each.key}-gw"
}
resource "aws_customer_gateway" "counted" {
  count      = 2
  ip_address = "10.0.0.${count.index}"
}
resource "aws_customer_gateway" "set" {
  for_each   = toset(["a"])
  type       = each.key
}
''')
    each = m.resource_instances("aws_customer_gateway.each")
    assert sorted((i.key, i.get("ip_address"), i.get("type")) for i in each) == [
        ("fra", "18.184.10.10", "fra-gw"), ("sha", "114.114.114.114", "sha-gw")]
    counted = m.resource_instances("aws_customer_gateway.counted")
    assert [(i.key, i.get("ip_address")) for i in counted] == [(0, "10.0.0.0"), (1, "10.0.0.1")]
    assert [i.get("type") for i in m.resource_instances("aws_customer_gateway.set")] == ["a"]
    assert sorted(m.resource_value("aws_customer_gateway.each")) == ["fra", "sha"]
    assert all(i.address == "aws_customer_gateway.each" for i in each)


def test_references_between_resources(tmp_path: Path) -> None:
    m = locals_of(tmp_path, '''
resource "aws_customer_gateway" "cgw" {
  ip_address = "18.184.10.10"
}
resource "aws_vpn_connection" "vpn" {
  customer_gateway_id = aws_customer_gateway.cgw.id
  peer                = aws_customer_gateway.cgw.ip_address
}
''')
    [vpn] = m.resource_instances("aws_vpn_connection.vpn")
    ref = vpn.get("customer_gateway_id")
    assert isinstance(ref, ResourceRef) and ref.address == "aws_customer_gateway.cgw"
    assert ref.attr == "id"
    assert vpn.get("peer") == "18.184.10.10"


CHILD = '''
variable "peer" {}
resource "aws_customer_gateway" "gw" {
  ip_address = var.peer
}
output "peer" {
  value = "${var.peer}"
}
'''


def test_module_inputs_and_outputs(tmp_path: Path) -> None:
    m = load(tmp_path, {
        "main.tf": 'module "edge" {\n  source = "./edge"\n  peer = "18.184.10.10"\n}\n'
                   'locals {\n  out = module.edge.peer\n}\n',
        "edge/main.tf": CHILD})
    assert m.local("out") == "18.184.10.10"
    addresses = [r.address for mod in m.walk() for r in mod.all_resources()]
    assert addresses == ["module.edge.aws_customer_gateway.gw"]


def test_module_for_each(tmp_path: Path) -> None:
    m = load(tmp_path, {
        "main.tf": 'module "edge" {\n  for_each = { a = "1.1.1.1", b = "8.8.8.8" }\n'
                   '  source = "./edge"\n  peer = each.value\n}\n'
                   'locals {\n  outs = { for k, v in module.edge : k => v.peer }\n}\n',
        "edge/main.tf": CHILD})
    assert m.local("outs") == {"a": "1.1.1.1", "b": "8.8.8.8"}


def _scan(root: Path) -> Any:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    return scan(ScanOptions(paths=[root], base=root))


def test_module_provider_mapping(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", '''
provider "aws" {
  region = "cn-north-1"
}
provider "aws" {
  alias  = "hk"
  region = "ap-east-1"
}
module "hk" {
  source    = "./edge"
  peer      = "114.114.114.114"
  providers = { aws = aws.hk }
}
module "bj" {
  source = "./edge"
  peer   = "58.176.0.1"
}
''')
    write(tmp_path, "edge/main.tf", CHILD)
    result = _scan(tmp_path)
    got = sorted((f.resource, f.local.value if f.local else None) for f in result.findings)
    assert got == [("module.bj.aws_customer_gateway.gw", "cn-north-1"),
                   ("module.hk.aws_customer_gateway.gw", "ap-east-1")]
    assert all(f.check_id == "XB101" and f.severity.value == "error" for f in result.findings)


def test_resource_provider_alias(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", cgw().replace(
        'provider "aws" {\n  region = "cn-north-1"\n}',
        'provider "aws" {\n  region = "ap-east-1"\n}\nprovider "aws" {\n  alias = "bj"\n'
        '  region = "cn-north-1"\n}').replace('  bgp_asn', '  provider   = aws.bj\n  bgp_asn'))
    [f] = _scan(tmp_path).findings
    assert f.local.value == "cn-north-1"


def test_tfvars_resolve_variables(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", cgw().replace('"18.184.10.10"', "var.peer") +
          'variable "peer" {}\n')
    assert [f.severity.value for f in _scan(tmp_path).findings] == ["warning"]
    write(tmp_path, "terraform.tfvars", 'peer = "18.184.10.10"\n')
    assert [f.severity.value for f in _scan(tmp_path).findings] == ["error"]


def test_module_sourcing_itself_ends_with_note(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", cgw() + 'module "again" {\n  source = "./"\n}\n')
    result = _scan(tmp_path)
    assert [f.resource for f in result.findings] == ["aws_customer_gateway.office"]
    assert any("itself" in n for n in result.notes), result.notes


def test_mutually_recursive_modules_end(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'module "a" {\n  source = "./a"\n}\n')
    write(tmp_path, "a/main.tf", 'module "b" {\n  source = "../b"\n}\n')
    write(tmp_path, "b/main.tf", 'module "a" {\n  source = "../a"\n}\n' + cgw())
    result = _scan(tmp_path)
    assert "module.a.module.b.aws_customer_gateway.office" in [f.resource for f in
                                                               result.findings]
    assert result.notes


def test_registry_module_from_modules_json(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n'
          'module "vpn" {\n  source  = "terraform-aws-modules/vpn-gateway/aws"\n'
          '  version = "3.0.0"\n  peer    = "18.184.10.10"\n}\n')
    write(tmp_path, ".terraform/modules/vpn/main.tf", CHILD)
    write(tmp_path, ".terraform/modules/modules.json", json.dumps({"Modules": [
        {"Key": "", "Source": "", "Dir": "."},
        {"Key": "vpn", "Source": "registry.terraform.io/terraform-aws-modules/vpn-gateway/aws",
         "Version": "3.0.0", "Dir": ".terraform/modules/vpn"}]}))
    result = _scan(tmp_path)
    assert [(f.check_id, f.resource) for f in result.findings] == [
        ("XB101", "module.vpn.aws_customer_gateway.gw")]


def test_remote_module_not_downloaded_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'module "vpn" {\n  source = "git::https://example.com/x.git"\n}\n')
    result = _scan(tmp_path)
    assert result.errors == []
    [f] = result.findings  # XB002, not a note alone (D13; see test_eval_limits.py)
    assert f.check_id == "XB002" and "not available locally" in f.message
