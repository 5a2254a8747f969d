"""Module trees that no check reads are counted, not evaluated (terraform/relevance.py): the
results are the same with and without that shortcut, on the examples and on edge cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _cases import run, write

from exitlint.hcl.parser import scan_headers
from exitlint.terraform.relevance import file_matters, type_pattern

REPO = Path(__file__).resolve().parents[2]
TYPES = type_pattern(["aws_vpn_connection", "alicloud_vpn_gateway"])


def both(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         *argv: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The same scan with the shortcut and without it."""
    monkeypatch.delenv("EXITLINT_NO_SHORTCUT", raising=False)
    fast = run(capsys, *argv, "--no-cache", "--format", "json")
    monkeypatch.setenv("EXITLINT_NO_SHORTCUT", "1")
    full = run(capsys, *argv, "--no-cache", "--format", "json")
    return fast, full


def test_examples_give_the_same_bytes_with_and_without_the_shortcut(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fast, full = both(capsys, monkeypatch, str(REPO / "examples"), "--jobs", "1")
    assert fast == full
    assert json.loads(fast[1])["summary"]["resources"] > 100


QUIET_MODULE = """
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_iam_role" "r" { name = "r" }
"""


@pytest.mark.parametrize("root_tf, module_tf, extra", [
    # counted: two calls of one module count its resources twice, as evaluation does
    ('module "a" {\n  source = "./m"\n}\nmodule "b" {\n  source = "./m"\n}\n', QUIET_MODULE, {}),
    # a syntax error in a file no check reads is still reported, at the same place
    ('resource "aws_s3_bucket" "x" {\n  bucket = \n}\n', QUIET_MODULE, {}),
    # a module call with count is evaluated (its expansion can hit the instance limit)
    ('module "a" {\n  source = "./m"\n  count  = 100000\n}\n', QUIET_MODULE, {}),
    # a remote module call is evaluated (XB002: not available locally)
    ('module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n', QUIET_MODULE, {}),
    # a local call to a directory that does not exist is evaluated (XB002)
    ('module "gone" {\n  source = "./missing"\n}\n', QUIET_MODULE, {}),
    # a checked type inside a module called from a quiet root: evaluated through the root
    ('module "a" {\n  source = "./m"\n  peer = "18.184.10.10"\n}\n',
     'variable "peer" {}\nresource "aws_customer_gateway" "c" {\n  ip_address = var.peer\n'
     '  bgp_asn = 65000\n  type = "ipsec.1"\n}\nresource "aws_vpn_connection" "v" {\n'
     '  customer_gateway_id = aws_customer_gateway.c.id\n  type = "ipsec.1"\n'
     '  vpn_gateway_id = "vgw-1"\n}\n', {"providers.tf": 'provider "aws" {\n  region = '
                                        '"cn-north-1"\n}\n'}),
    # override files are merged by the full evaluation
    ('resource "aws_s3_bucket" "x" {\n  bucket = "a"\n}\n', QUIET_MODULE,
     {"override.tf": 'resource "aws_s3_bucket" "y" {\n  bucket = "b"\n}\n'}),
    # a suppression comment gets its hygiene findings
    ('# exitlint: ignore XB101\nresource "aws_s3_bucket" "x" {\n  bucket = "a"\n}\n',
     QUIET_MODULE, {}),
    # invalid UTF-8 is reported the same way
    ('resource "aws_s3_bucket" "x" {\n  bucket = "\xff"\n}\n', QUIET_MODULE, {}),
    # JSON syntax: a checked type in a .tf.json file beside a quiet .tf
    ('resource "aws_s3_bucket" "x" {\n  bucket = "a"\n}\n', QUIET_MODULE,
     {"gw.tf.json": json.dumps({"resource": {"aws_customer_gateway": {"c": {
         "ip_address": "18.184.10.10", "bgp_asn": 65000, "type": "ipsec.1"}}}})}),
    # OpenTofu: main.tofu takes the place of main.tf, and only it declares a checked type
    ('resource "aws_s3_bucket" "x" {\n  bucket = "a"\n}\n', QUIET_MODULE,
     {"main.tofu": 'resource "aws_customer_gateway" "c" {\n  ip_address = "18.184.10.10"\n'
                   '  bgp_asn = 65000\n  type = "ipsec.1"\n}\n'}),
    # a registry module installed by `terraform init` (.terraform/modules/modules.json)
    ('module "gw" {\n  source = "example/gw/aws"\n  peer = "18.184.10.10"\n}\n', QUIET_MODULE,
     {".terraform/modules/modules.json": json.dumps({"Modules": [
         {"Key": "", "Source": "", "Dir": "."},
         {"Key": "gw", "Source": "registry.terraform.io/example/gw/aws",
          "Dir": ".terraform/modules/gw"}]}),
      ".terraform/modules/gw/main.tf": 'variable "peer" {}\nresource "aws_customer_gateway" '
                                       '"c" {\n  ip_address = var.peer\n  bgp_asn = 65000\n'
                                       '  type = "ipsec.1"\n}\n'}),
    # a plan JSON beside a quiet root
    ('resource "aws_s3_bucket" "x" {\n  bucket = "a"\n}\n', QUIET_MODULE,
     {"plan.json": json.dumps({"format_version": "1.2", "planned_values": {"root_module": {
         "resources": [{"address": "aws_customer_gateway.c", "mode": "managed",
                        "type": "aws_customer_gateway", "name": "c",
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "values": {"ip_address": "18.184.10.10", "bgp_asn": "65000",
                                   "type": "ipsec.1"}}]}}})}),
])
def test_edge_cases_give_the_same_report(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, root_tf: str,
                                         module_tf: str, extra: dict[str, str]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_bytes(root_tf.encode("latin-1"))
    write(tmp_path, "m/main.tf", module_tf)
    for name, text in extra.items():
        write(tmp_path, name, text)
    fast, full = both(capsys, monkeypatch, str(tmp_path), "--fail-on", "never")
    assert fast == full
    if any(name.endswith((".json", ".tofu")) for name in extra):
        # the case is about a checked resource only these files hold: it must be found
        assert "XB101" in fast[1], fast[1][:2000]


def test_the_shortcut_counts_resources_without_evaluating(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "main.tf", 'module "a" {\n  source = "./m"\n}\nmodule "b" {\n'
          '  source = "./m"\n}\nresource "aws_iam_role" "r" {}\n')
    write(tmp_path, "m/main.tf", QUIET_MODULE)
    import exitlint.terraform.scan as scan

    evaluated: list[Path] = []
    real = scan.Project

    def spy(*args: object, **kwargs: object) -> object:
        evaluated.append(Path("x"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scan, "Project", spy)
    (_, fast, _), _ = both(capsys, monkeypatch, str(tmp_path))
    assert json.loads(fast)["summary"]["resources"] == 5  # 1 + 2 calls x 2 resources
    assert len(evaluated) == 1  # only the run without the shortcut built a Project


@pytest.mark.parametrize("text, matters", [
    (b'resource "aws_vpn_connection" "v" {}', True),
    (b"resource aws_vpn_connection v {}", True),  # bare labels are HCL too
    (b'resource "aws_vpn_connection_route" "r" {}', False),  # a longer type is another type
    (b'resource "my_aws_vpn_connection" "r" {}', False),
    (b'# exitlint: ignore XB101 reason\nresource "aws_s3_bucket" "b" {}', True),
    (b'module "m" {\n  source = "git::https://example.com/m.git"\n}', True),
    (b'module "m" {\n  source = "./m"\n  for_each = var.x\n}', True),
    (b'module "m" {\n  source = "../m"\n}', False),
    (b'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}',
     False),
])
def test_which_files_matter(text: bytes, matters: bool) -> None:
    assert file_matters("main.tf", text, TYPES) is matters


def test_override_and_json_files_always_matter() -> None:
    assert file_matters("override.tf", b"", TYPES)
    assert file_matters("x_override.tf", b"", TYPES)
    assert file_matters("main.tf.json", b"{}", TYPES)


def test_headers_are_read_without_converting_bodies() -> None:
    headers = scan_headers(b'resource "a_b" "x" {\n  y = 1\n}\nresource c_d z {}\n'
                           b'module "m" {\n  source = "./m"\n}\n'
                           b'module "n" {\n  source = "./${var.x}"\n  count = 2\n}\n')
    assert headers is not None
    assert headers.resources == ("a_b.x", "c_d.z")
    assert headers.modules == (("m", "./m", False), ("n", None, True))
    assert scan_headers(b'resource "a" "b" {') is None  # a syntax error: the full parse reports it
