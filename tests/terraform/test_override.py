"""Terraform override files and OpenTofu's `.tofu` files (SPEC §9 "What is read"): the value
Terraform deploys is the one checked (red team 2, D8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from _cases import DOMESTIC_PEER, FOREIGN_PEER, findings_of, vpn, write
from exitlint.app import ScanOptions, scan

CGW = "aws_customer_gateway.office"


def _scan(root: Path) -> Any:
    (root / ".git").mkdir(exist_ok=True)
    return scan(ScanOptions(paths=[root], base=root))


def _override_peer(peer: str) -> str:
    return f'resource "aws_customer_gateway" "office" {{\n  ip_address = "{peer}"\n}}\n'


def test_override_turns_mainland_peer_foreign(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    assert findings_of(_scan(tmp_path), "XB101") == []
    write(tmp_path, "main_override.tf", _override_peer(FOREIGN_PEER))
    result = _scan(tmp_path)
    [hit] = findings_of(result, "XB101", CGW)
    assert hit.remote.value == FOREIGN_PEER
    # the finding points at what changed the resource: the override block
    assert (hit.span.file, hit.span.line) == ("main_override.tf", 1)
    assert result.errors == []


def test_override_turns_foreign_peer_mainland(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", vpn(FOREIGN_PEER))
    assert findings_of(_scan(tmp_path), "XB101", CGW)
    write(tmp_path, "override.tf", _override_peer(DOMESTIC_PEER))
    assert findings_of(_scan(tmp_path), "XB101") == []


def test_later_override_files_win(tmp_path: Path) -> None:
    """Override files merge in lexical order; each one compounds on the last."""
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    write(tmp_path, "a_override.tf", _override_peer(DOMESTIC_PEER))
    write(tmp_path, "b_override.tf", _override_peer(FOREIGN_PEER))
    [hit] = findings_of(_scan(tmp_path), "XB101", CGW)
    assert hit.remote.value == FOREIGN_PEER and hit.span.file == "b_override.tf"


SG = """\
provider "aws" {
  region = "cn-north-1"
}

resource "aws_security_group" "edge" {
  name = "edge"
  %s
}
"""
HTTPS_IN = ('ingress {\n    protocol = "tcp"\n    from_port = 443\n    to_port = 443\n'
            '    cidr_blocks = ["0.0.0.0/0"]\n  }')
IKE_IN = ('ingress {\n    protocol = "udp"\n    from_port = 500\n    to_port = 500\n'
          '    cidr_blocks = ["18.184.0.0/16"]\n  }')


def test_nested_blocks_in_an_override_replace_all_blocks_of_that_type(tmp_path: Path) -> None:
    # the base opens IKE to a foreign range; the override's single ingress replaces both blocks
    write(tmp_path, "main.tf", SG % f"{HTTPS_IN}\n  {IKE_IN}")
    assert findings_of(_scan(tmp_path), "XB601")
    write(tmp_path, "sg_override.tf",
          f'resource "aws_security_group" "edge" {{\n  {HTTPS_IN}\n}}\n')
    assert findings_of(_scan(tmp_path), "XB601") == []


def test_nested_block_from_an_override_is_checked(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", SG % HTTPS_IN)
    write(tmp_path, "sg_override.tf", f'resource "aws_security_group" "edge" {{\n  {IKE_IN}\n}}\n')
    [hit] = findings_of(_scan(tmp_path), "XB601")
    assert hit.span.file == "sg_override.tf"


def test_provider_override_moves_the_vpn_into_the_mainland(tmp_path: Path) -> None:
    # us-east-1 to a US peer is out of scope; the override deploys it in Beijing
    write(tmp_path, "main.tf", vpn(FOREIGN_PEER).replace("cn-north-1", "us-east-1"))
    assert findings_of(_scan(tmp_path), "XB101") == []
    write(tmp_path, "providers_override.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n')
    assert findings_of(_scan(tmp_path), "XB101", CGW)


def test_variable_default_and_local_overrides(tmp_path: Path) -> None:
    text = vpn().replace(f'"{FOREIGN_PEER}"', "local.peer") + (
        f'variable "peer" {{\n  default = "{DOMESTIC_PEER}"\n}}\n'
        "locals {\n  peer = var.peer\n}\n")
    write(tmp_path, "main.tf", text)
    assert findings_of(_scan(tmp_path), "XB101") == []
    write(tmp_path, "variables_override.tf", f'variable "peer" {{\n  default = "{FOREIGN_PEER}"\n}}\n')
    assert findings_of(_scan(tmp_path), "XB101", CGW)
    (tmp_path / "variables_override.tf").unlink()
    write(tmp_path, "locals_override.tf", f'locals {{\n  peer = "{FOREIGN_PEER}"\n}}\n')
    assert findings_of(_scan(tmp_path), "XB101", CGW)


def test_json_override(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    override = {"resource": {"aws_customer_gateway": {"office": {"ip_address": FOREIGN_PEER}}}}
    (tmp_path / "main_override.tf.json").write_text(json.dumps(override), encoding="utf-8")
    [hit] = findings_of(_scan(tmp_path), "XB101", CGW)
    assert hit.remote.value == FOREIGN_PEER


def test_tofu_override(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    write(tmp_path, "peer_override.tofu", _override_peer(FOREIGN_PEER))
    [hit] = findings_of(_scan(tmp_path), "XB101", CGW)
    assert hit.remote.value == FOREIGN_PEER


def test_tofu_file_replaces_tf_file_of_the_same_name(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    write(tmp_path, "main.tofu", vpn(FOREIGN_PEER))
    [hit] = findings_of(_scan(tmp_path), "XB101", CGW)
    assert hit.span.file == "main.tofu" and hit.remote.value == FOREIGN_PEER
    # and the other way round: the .tofu file's mainland peer is what OpenTofu deploys
    write(tmp_path, "main.tf", vpn(FOREIGN_PEER))
    write(tmp_path, "main.tofu", vpn(DOMESTIC_PEER))
    assert findings_of(_scan(tmp_path), "XB101") == []


def test_override_without_a_base_is_an_error_and_still_checked(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n')
    write(tmp_path, "extra_override.tf", "\n" + vpn(FOREIGN_PEER).split("\n", 3)[3])
    result = _scan(tmp_path)
    [error] = result.errors
    assert error.file == "extra_override.tf" and error.line > 1
    assert findings_of(result, "XB101", CGW)  # a refused override never hides a link


def _named(root: Path, capsys: Any, *names: str) -> tuple[int, dict[str, Any]]:
    """The CLI on files named as pre-commit names them, from the repository root."""
    import os

    from exitlint.cli import main

    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["--no-cache", "--format", "json", *names])
    finally:
        os.chdir(cwd)
    return code, json.loads(capsys.readouterr().out)


def test_override_named_alone_is_reported(tmp_path: Path, capsys: Any) -> None:
    """pre-commit passes only the staged override file: its finding is shown, exit 1."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    write(tmp_path, "main_override.tf", _override_peer(FOREIGN_PEER))
    code, report = _named(tmp_path, capsys, "main_override.tf")
    assert code == 1
    assert [(f["check_id"], f["file"]) for f in report["findings"]
            if f["resource"] == CGW] == [("XB101", "main_override.tf")]


def test_provider_override_named_alone_shows_what_it_moves(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "main.tf", vpn(FOREIGN_PEER).replace("cn-north-1", "us-east-1"))
    write(tmp_path, "providers_override.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n')
    code, report = _named(tmp_path, capsys, "providers_override.tf")
    assert code == 1
    assert ("XB101", "main.tf") in {(f["check_id"], f["file"]) for f in report["findings"]}


def test_suppression_comment_on_the_override_block_applies(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", vpn(DOMESTIC_PEER))
    write(tmp_path, "main_override.tf", '# exitlint:ignore XB101 reason="leased line, CU-42"\n'
          + _override_peer(FOREIGN_PEER))
    [hit] = findings_of(_scan(tmp_path), "XB101", CGW)
    assert hit.suppressed and hit.span.file == "main_override.tf"
