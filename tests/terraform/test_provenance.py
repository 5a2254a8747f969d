"""Where a resource attribute's value came from (terraform/provenance.py): the chain from the
resource outward through locals, module arguments, variable defaults, tfvars and --var-file
entries, the provider block; bounded on cycles and long chains."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

from exitlint.model import Origin
from exitlint.repositories import Repositories
from exitlint.terraform.files import FileReader, auto_tfvars, tfvars_values
from exitlint.terraform.instances import Limits, ModuleInstance, Project, ResourceInstance
from exitlint.terraform.provenance import MAX_HOPS, MAX_ORIGINS, input_origins, origins

GATEWAY = """\
resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = %s
  type       = "ipsec.1"
}
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _resources(tmp_path: Path, root_dir: str = ".", given: dict[str, Any] | None = None,
               given_origins: dict[str, Origin] | None = None) -> dict[str, ResourceInstance]:
    """Evaluate `root_dir` as scan.evaluate_root does: tfvars in Terraform's order, then the
    command line's values; every resource instance by address."""
    def display(path: Path) -> str:
        return os.path.relpath(path, tmp_path).replace(os.sep, "/")

    reader = FileReader(display, allowed_root=Repositories.of([tmp_path]))
    directory = (tmp_path / root_dir).resolve()
    source = reader.load_dir(directory)
    assert source is not None
    tfvars = auto_tfvars(directory)
    inputs: dict[str, Any] = {}
    for path in tfvars:
        parsed = reader.parse(path)
        assert parsed is not None
        inputs.update(tfvars_values(parsed))
    inputs.update(given or {})
    project = Project(reader.load_dir, Limits(Repositories.of([tmp_path])), reader.recorder)
    project.input_origins = input_origins(map(reader.parse, tfvars), given or {},
                                          given_origins or {})
    top = ModuleInstance(project, source, (), None, None, None, inputs)
    return {inst.address: inst for module in top.walk() for inst in module.all_resources()}


def _chain(inst: ResourceInstance, path: str = "ip_address") -> list[tuple[str, int, str]]:
    return [(o.file, o.line, o.what) for o in origins(inst, path)]


SHARED = {
    "modules/vpn/main.tf": """\
        variable "peer_ip" {
          default = "1.1.1.1"
        }

        locals {
          ip = var.peer_ip
        }

    """ + GATEWAY % "local.ip",
    "envs/prod/main.tf": """\
        module "vpn" {
          source  = "../../modules/vpn"
          peer_ip = var.peer
        }
    """,
    "envs/prod/variables.tf": """\
        variable "peer" {
          default = "114.114.114.114"
        }
    """,
}


def test_chain_runs_from_the_resource_outward_to_the_tfvars_entry(tmp_path: Path) -> None:
    _write(tmp_path, {**SHARED, "envs/prod/terraform.tfvars": '# prod\npeer = "18.184.10.10"\n'})
    inst = _resources(tmp_path, "envs/prod")["module.vpn.aws_customer_gateway.office"]
    assert inst.get("ip_address") == "18.184.10.10"
    assert _chain(inst) == [
        ("modules/vpn/main.tf", 6, "local.ip"),
        ("envs/prod/main.tf", 3, "argument peer_ip of module.vpn"),
        ("envs/prod/terraform.tfvars", 2, "value of var.peer"),
    ]
    # the method the engine calls gives the same chain
    assert inst.origins("ip_address") == origins(inst, "ip_address")


def test_without_tfvars_the_chain_ends_at_the_callers_default(tmp_path: Path) -> None:
    """The module's own default is never in the chain: the caller's argument overrides it."""
    _write(tmp_path, SHARED)
    inst = _resources(tmp_path, "envs/prod")["module.vpn.aws_customer_gateway.office"]
    assert _chain(inst)[1:] == [
        ("envs/prod/main.tf", 3, "argument peer_ip of module.vpn"),
        ("envs/prod/variables.tf", 2, 'default of variable "peer"'),
    ]


def test_a_module_argument_not_given_falls_back_to_the_modules_default(tmp_path: Path) -> None:
    _write(tmp_path, {**SHARED, "envs/prod/main.tf": 'module "vpn" {\n  source = '
                                                     '"../../modules/vpn"\n}\n'})
    inst = _resources(tmp_path, "envs/prod")["module.vpn.aws_customer_gateway.office"]
    assert _chain(inst) == [("modules/vpn/main.tf", 6, "local.ip"),
                            ("modules/vpn/main.tf", 2, 'default of variable "peer_ip"')]


def test_tfvars_files_in_terraforms_order_the_last_entry_wins(tmp_path: Path) -> None:
    _write(tmp_path, {
        "main.tf": 'variable "peer" {}\n\n' + GATEWAY % "var.peer",
        "terraform.tfvars": 'peer = "114.114.114.114"\n',
        "terraform.tfvars.json": '{\n  "peer": "114.114.114.115"\n}\n',
        "b.auto.tfvars": '\npeer = "18.184.10.10"\n',
        "a.auto.tfvars": 'peer = "114.114.114.116"\n',
    })
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert inst.get("ip_address") == "18.184.10.10"
    assert _chain(inst) == [("b.auto.tfvars", 2, "value of var.peer")]


def test_command_line_values_replace_tfvars_entries(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": 'variable "peer" {}\n\n' + GATEWAY % "var.peer",
                      "terraform.tfvars": 'peer = "114.114.114.114"\n'})
    from_file = Origin("ci/prod.tfvars", 4, "value of var.peer")
    inst = _resources(tmp_path, given={"peer": "18.184.10.10"},
                      given_origins={"peer": from_file})["aws_customer_gateway.office"]
    assert origins(inst, "ip_address") == (from_file,)  # --var-file
    inst = _resources(tmp_path, given={"peer": "18.184.10.10"})["aws_customer_gateway.office"]
    assert origins(inst, "ip_address") == ()  # --var: no file to point at


def test_a_literal_has_no_origin_and_a_resource_reference_stops(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": GATEWAY % '"18.184.10.10"' + """
        resource "aws_vpn_connection" "office" {
          customer_gateway_id = aws_customer_gateway.office.id
          type                = "ipsec.1"
        }
    """})
    found = _resources(tmp_path)
    assert origins(found["aws_customer_gateway.office"], "ip_address") == ()
    assert origins(found["aws_vpn_connection.office"], "customer_gateway_id") == ()
    assert origins(found["aws_vpn_connection.office"], "no_such_attribute") == ()


def test_functions_templates_and_conditionals_unite_their_operands(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": """\
        variable "prod" {
          default = true
        }
        variable "octet" {
          default = 10
        }
        locals {
          base = "18.184.10"
        }
    """ + GATEWAY % 'var.prod ? lower("${local.base}.${var.octet}") : "10.0.0.1"'})
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert inst.get("ip_address") == "18.184.10.10"
    assert _chain(inst) == [("main.tf", 2, 'default of variable "prod"'),
                            ("main.tf", 8, "local.base"),
                            ("main.tf", 5, 'default of variable "octet"')]


def test_for_each_and_dynamic_blocks_reach_their_collections(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": """\
        variable "peers" {
          default = {hq = "18.184.10.10"}
        }
        variable "cidrs" {
          default = ["0.0.0.0/0"]
        }
        resource "aws_customer_gateway" "office" {
          for_each   = var.peers
          ip_address = each.value
        }
        resource "aws_security_group" "vpn" {
          dynamic "ingress" {
            for_each = var.cidrs
            content {
              cidr_blocks = [ingress.value]
            }
          }
        }
    """})
    found = _resources(tmp_path)
    assert _chain(found["aws_customer_gateway.office"]) == [
        ("main.tf", 2, 'default of variable "peers"')]
    assert _chain(found["aws_security_group.vpn"], "ingress.cidr_blocks") == [
        ("main.tf", 5, 'default of variable "cidrs"')]


def test_a_module_output_is_followed_into_the_module(tmp_path: Path) -> None:
    _write(tmp_path, {
        "main.tf": 'module "net" {\n  source = "./net"\n}\n\n'
                   + GATEWAY % "module.net.peer",
        "net/outputs.tf": 'variable "peer" {\n  default = "18.184.10.10"\n}\n\n'
                          'output "peer" {\n  value = var.peer\n}\n',
    })
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert _chain(inst) == [("net/outputs.tf", 6, "output peer of module.net"),
                            ("net/outputs.tf", 2, 'default of variable "peer"')]


def test_an_attribute_the_provider_sets_is_traced_in_the_provider_block(tmp_path: Path) -> None:
    _write(tmp_path, {
        "providers.tf": 'variable "region" {}\n\nprovider "aws" {\n  region = var.region\n}\n',
        "main.tf": GATEWAY % '"18.184.10.10"',
        "terraform.tfvars": 'region = "us-east-1"\n',
    })
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert _chain(inst, "region") == [("providers.tf", 4, 'region of provider "aws"'),
                                      ("terraform.tfvars", 1, "value of var.region")]


def test_cycles_end_and_long_chains_are_cut(tmp_path: Path) -> None:
    hops = MAX_HOPS + 8
    chain = "\n".join(f"  l{i} = local.l{i + 1}" for i in range(hops))
    _write(tmp_path, {"main.tf": f"locals {{\n  a = local.b\n  b = local.a\n{chain}\n"
                                 f"  l{hops} = \"18.184.10.10\"\n}}\n\n"
                                 + GATEWAY % "[local.a, local.l0]"})
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    found = _chain(inst)
    assert found[:2] == [("main.tf", 2, "local.a"), ("main.tf", 3, "local.b")]
    assert [w for _, _, w in found[2:]] == [f"local.l{i}" for i in range(MAX_HOPS)]
    assert len(found) <= MAX_ORIGINS


def test_a_module_calls_for_each_is_traced_in_the_caller(tmp_path: Path) -> None:
    _write(tmp_path, {
        "main.tf": 'variable "sites" {\n  default = {hq = "18.184.10.10"}\n}\n\n'
                   'module "vpn" {\n  for_each = var.sites\n  source   = "./vpn"\n'
                   '  peer_ip  = each.value\n}\n',
        "vpn/main.tf": 'variable "peer_ip" {}\n\n' + GATEWAY % "var.peer_ip",
    })
    inst = _resources(tmp_path)["module.vpn.aws_customer_gateway.office"]
    assert inst.get("ip_address") == "18.184.10.10"
    assert _chain(inst) == [("main.tf", 8, "argument peer_ip of module.vpn"),
                            ("main.tf", 2, 'default of variable "sites"')]


def test_a_key_of_a_local_object_names_only_that_key_origin(tmp_path: Path) -> None:
    # Seen on terraform-tencentcloud-modules/terraform-tencentcloud-vpn: a peer read from one key
    # of a local object listed the origins of every other key too (a module output, an unrelated
    # variable default). Whole-expression tracing over-reports; a chain should follow the key.
    _write(tmp_path, {"main.tf": '''
        variable "flag" {
          default = true
        }
        locals {
          site = {
            peer    = "18.184.10.10"
            enabled = var.flag
          }
        }
        ''' + GATEWAY % "local.site.peer"})
    chain = _chain(_resources(tmp_path)["aws_customer_gateway.office"])
    assert chain == [("main.tf", 6, "local.site")]


def test_a_variables_default_is_narrowed_to_the_key_read(tmp_path: Path) -> None:
    """An object default: only the definitions behind the key read are in the chain."""
    _write(tmp_path, {"main.tf": """\
        variable "other" {
          default = "10.0.0.1"
        }
        locals {
          peer = "18.184.10.10"
        }
        variable "site" {
          default = {
            peer  = local.peer
            local = var.other
          }
        }
    """ + GATEWAY % "var.site.peer"})
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert inst.get("ip_address") == "18.184.10.10"
    assert _chain(inst) == [("main.tf", 8, 'default of variable "site"'),
                            ("main.tf", 5, "local.peer")]


def test_count_index_reads_one_element_of_a_list(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": """\
        variable "a" {
          default = "18.184.10.10"
        }
        variable "b" {
          default = "114.114.114.114"
        }
        locals {
          peers = [{ ip = var.a }, { ip = var.b }]
        }
        resource "aws_customer_gateway" "office" {
          count      = length(local.peers)
          ip_address = local.peers[count.index].ip
        }
    """})
    module = _resources(tmp_path)["aws_customer_gateway.office"].module
    first, second = module.resource_instances("aws_customer_gateway.office")
    assert (first.get("ip_address"), second.get("ip_address")) == ("18.184.10.10",
                                                                    "114.114.114.114")
    assert _chain(first) == [("main.tf", 8, "local.peers"),
                             ("main.tf", 2, 'default of variable "a"')]
    assert _chain(second) == [("main.tf", 8, "local.peers"),
                              ("main.tf", 5, 'default of variable "b"')]


def test_each_value_reads_one_entry_of_a_map(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": """\
        variable "hq" {
          default = "18.184.10.10"
        }
        variable "branch" {
          default = "114.114.114.114"
        }
        resource "aws_customer_gateway" "office" {
          for_each   = { hq = { ip = var.hq }, branch = { ip = var.branch } }
          ip_address = each.value.ip
        }
    """})
    mod = _resources(tmp_path)["aws_customer_gateway.office"].module
    by_key = {i.key: i for i in mod.resource_instances("aws_customer_gateway.office")}
    assert _chain(by_key["hq"]) == [("main.tf", 2, 'default of variable "hq"')]
    assert _chain(by_key["branch"]) == [("main.tf", 5, 'default of variable "branch"')]


def test_a_module_output_read_by_index_follows_that_instance_and_key(tmp_path: Path) -> None:
    _write(tmp_path, {
        "main.tf": 'variable "ips" {\n  default = ["18.184.10.10", "114.114.114.114"]\n}\n\n'
                   'module "net" {\n  count  = 2\n  source = "./net"\n  ip     = var.ips[count.index]\n'
                   '  other  = "10.0.0.9"\n}\n\n' + GATEWAY % "module.net[1].out.peer",
        "net/main.tf": 'variable "ip" {}\nvariable "other" {}\n\n'
                       'output "out" {\n  value = { peer = var.ip, spare = var.other }\n}\n\n'
                       'output "unrelated" {\n  value = var.other\n}\n',
    })
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert inst.get("ip_address") == "114.114.114.114"
    assert _chain(inst) == [("net/main.tf", 5, "output out of module.net"),
                            ("main.tf", 8, "argument ip of module.net"),
                            ("main.tf", 2, 'default of variable "ips"')]


def test_for_expressions_and_functions_pass_the_key_read_through(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": """\
        variable "flag" {
          default = true
        }
        variable "base" {
          default = { hq = { peer = "18.184.10.10", on = var.flag } }
        }
        locals {
          extra = { branch = { peer = "114.114.114.114", on = var.flag } }
          all   = merge(var.base, local.extra)
          peers = { for name, site in local.all : name => site.peer }
        }
    """ + GATEWAY % 'lookup(local.peers, "hq", "10.0.0.1")'})
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert inst.get("ip_address") == "18.184.10.10"
    chain = _chain(inst)
    assert chain[:2] == [("main.tf", 10, "local.peers"), ("main.tf", 9, "local.all")]
    assert ("main.tf", 5, 'default of variable "base"') in chain
    assert not any("flag" in what for _, _, what in chain)


def test_an_element_of_a_tfvars_list_keeps_the_entry_and_a_splat_reads_all(tmp_path: Path) -> None:
    _write(tmp_path, {
        "main.tf": 'variable "sites" {}\n\n' + GATEWAY % "var.sites[*].ip[0]"
                   + '\nresource "aws_customer_gateway" "second" {\n'
                     '  ip_address = var.sites[1].ip\n}\n',
        "terraform.tfvars": 'sites = [\n  { ip = "18.184.10.10" },\n  { ip = "1.1.1.1" },\n]\n',
    })
    found = _resources(tmp_path)
    assert found["aws_customer_gateway.second"].get("ip_address") == "1.1.1.1"
    assert _chain(found["aws_customer_gateway.second"]) == [
        ("terraform.tfvars", 1, "value of var.sites")]
    assert _chain(found["aws_customer_gateway.office"]) == [
        ("terraform.tfvars", 1, "value of var.sites")]


def test_an_unknown_index_key_follows_every_element(tmp_path: Path) -> None:
    _write(tmp_path, {"main.tf": """\
        variable "a" {
          default = "18.184.10.10"
        }
        variable "b" {
          default = "1.1.1.1"
        }
        variable "pick" {}
    """ + GATEWAY % "[var.a, var.b][var.pick]"})
    inst = _resources(tmp_path)["aws_customer_gateway.office"]
    assert [w for _, _, w in _chain(inst)] == ['default of variable "a"',
                                               'default of variable "b"']


def test_a_merged_finding_carries_the_chains_of_all_its_instances(tmp_path: Path) -> None:
    """Two instances of one resource cross the border through different variables: the one
    finding they merge into names both places (engine/run.py merge)."""
    from exitlint.app import ScanOptions, scan

    _write(tmp_path, {"main.tf": """\
        provider "aws" {
          region = "cn-north-1"
        }
        variable "hq" {
          default = "18.184.10.10"
        }
        variable "lab" {
          default = "8.8.8.8"
        }
        resource "aws_customer_gateway" "office" {
          for_each   = { hq = var.hq, lab = var.lab }
          bgp_asn    = 65010
          ip_address = each.value
          type       = "ipsec.1"
        }
    """})
    (tmp_path / ".git").mkdir()
    [finding] = [f for f in scan(ScanOptions(paths=[tmp_path], base=tmp_path)).findings
                 if f.check_id == "XB101"]
    assert "2 instances" in finding.message
    assert [(o.line, o.what) for o in finding.related] == [
        (2, 'region of provider "aws"'), (5, 'default of variable "hq"'),
        (8, 'default of variable "lab"')]
