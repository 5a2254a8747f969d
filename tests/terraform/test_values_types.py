"""Input variable type constraints (terraform/var_types.py): optional attributes get their
defaults, undeclared attributes are dropped, primitives convert; whatever the value came from
(default, caller's argument, tfvars)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _cases import write
from exitlint.hcl.parser import parse_expression
from exitlint.repositories import Repositories
from exitlint.terraform.files import FileReader
from exitlint.terraform.instances import Limits, ModuleInstance, Project
from exitlint.terraform.values import Unknown
from exitlint.terraform.var_types import parse_type

SITE = '''
variable "site" {
  type = object({
    peer    = string
    port    = optional(number, 4500)
    enabled = optional(bool, true)
    tunnel  = optional(object({
      psk    = optional(string, "")
      remote = optional(string, "18.184.10.10")
    }), {})
    tags    = optional(map(string))
  })
  default = { peer = "1.1.1.1" }
}
'''


def _root(tmp_path: Path, files: dict[str, str], inputs: dict[str, Any] | None = None
          ) -> ModuleInstance:
    (tmp_path / ".git").mkdir(exist_ok=True)
    for rel, text in files.items():
        write(tmp_path, rel, text)
    reader = FileReader(lambda p: p.name)
    source = reader.load_dir(tmp_path.resolve())
    assert source is not None
    return ModuleInstance(Project(reader.load_dir, Limits(Repositories.of([tmp_path]))), source, (), None,
                          None, None, inputs or {})


def test_optional_attributes_get_their_defaults_nested_too(tmp_path: Path) -> None:
    site = _root(tmp_path, {"main.tf": SITE}).var("site")
    assert site == {"peer": "1.1.1.1", "port": 4500, "enabled": True,
                    "tunnel": {"psk": "", "remote": "18.184.10.10"}, "tags": None}


def test_types_apply_to_tfvars_values_and_module_arguments(tmp_path: Path) -> None:
    site = _root(tmp_path, {"main.tf": SITE},
                 {"site": {"peer": 1, "port": "500", "extra": "dropped", "tunnel": None}}
                 ).var("site")
    assert site["peer"] == "1" and site["port"] == 500 and "extra" not in site
    assert site["tunnel"] == {"psk": "", "remote": "18.184.10.10"}  # null: the default
    root = _root(tmp_path, {
        "main.tf": 'module "vpn" {\n  source = "./vpn"\n  site   = { peer = "2.2.2.2", '
                   'tunnel = { psk = "x" } }\n}\n',
        "vpn/main.tf": SITE,
    })
    [child] = root.children("vpn")  # type: ignore[misc]
    assert child.var("site")["tunnel"] == {"psk": "x", "remote": "18.184.10.10"}


def test_collections_and_primitives_convert(tmp_path: Path) -> None:
    module = _root(tmp_path, {"main.tf": '''
variable "ports" {
  type    = list(string)
  default = [500, 4500]
}
variable "flags" {
  type    = map(bool)
  default = { a = "true", b = false }
}
variable "pair" {
  type    = tuple([string, number])
  default = [1, "2"]
}
variable "peers" {
  type    = list(object({ ip = string, port = optional(number, 500) }))
  default = [{ ip = "18.184.10.10" }]
}
variable "free" {
  type    = any
  default = { x = 1 }
}
variable "dyn" {
  type    = object({ ip = string })
  default = { ip = data.x.y.ip }
}
'''})
    assert module.var("ports") == ["500", "4500"]
    assert module.var("flags") == {"a": True, "b": False}
    assert module.var("pair") == ["1", 2]
    assert module.var("peers") == [{"ip": "18.184.10.10", "port": 500}]
    assert module.var("free") == {"x": 1}
    assert isinstance(module.var("dyn")["ip"], Unknown)


def test_type_expressions_not_understood_leave_the_value() -> None:
    assert parse_type(parse_expression("object({a = string})")) is not None
    assert parse_type(parse_expression('"string"')) is not None
    for text in ("foo(string)", "object(var.x)", "list(string, number)", "1"):
        assert parse_type(parse_expression(text)) is None, text
    deep = "list(" * 40 + "string" + ")" * 40
    assert parse_type(parse_expression(deep)) is None


def test_an_optional_default_makes_a_peer_known(tmp_path: Path) -> None:
    """Seen on a landing-zone module: a peer read from an optional attribute the caller left
    out was 'no attribute' (unknown: a warning); with the default it is judged."""
    from exitlint.app import ScanOptions, scan

    write(tmp_path, "main.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n' + SITE + '''
resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = var.site.tunnel.remote
  type       = "ipsec.1"
}
''')
    (tmp_path / ".git").mkdir()
    [f] = scan(ScanOptions(paths=[tmp_path], base=tmp_path)).findings
    assert (f.check_id, f.severity.value) == ("XB101", "error")
