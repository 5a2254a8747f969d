"""Functions that read the repository (file hashes, fileset, abspath) and templatestring, through
the evaluator and a module's scope: inside the repository only, bounded."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from _cases import write
from exitlint.repositories import Repositories
from exitlint.terraform.files import FileReader
from exitlint.terraform.instances import Limits, ModuleInstance, Project
from exitlint.terraform.values import Unknown


def _local(repo: Path, expr: str, module: str = ".") -> Any:
    (repo / ".git").mkdir(parents=True, exist_ok=True)
    write(repo, f"{module}/main.tf", f"locals {{\n  x = {expr}\n}}\n")
    reader = FileReader(lambda p: p.name)
    source = reader.load_dir((repo / module).resolve())
    assert source is not None
    project = Project(reader.load_dir, Limits(Repositories.of([repo])))
    return ModuleInstance(project, source, (), None, None, None, {}).local("x")


def test_file_hashes_hash_the_files_bytes(tmp_path: Path) -> None:
    write(tmp_path, "peer.txt", "18.184.10.10\n")
    data = b"18.184.10.10\n"
    assert _local(tmp_path, 'filemd5("${path.module}/peer.txt")') == hashlib.md5(data).hexdigest()
    assert _local(tmp_path, 'filesha256("peer.txt")') == hashlib.sha256(data).hexdigest()
    assert _local(tmp_path, 'filesha512("peer.txt")') == hashlib.sha512(data).hexdigest()
    (tmp_path / "bin.dat").write_bytes(b"\xff\xfe")
    value = _local(tmp_path, 'filesha1("bin.dat")')
    assert isinstance(value, Unknown) and "not UTF-8" in value.reason
    assert isinstance(_local(tmp_path, 'filemd5("missing.txt")'), Unknown)


def test_fileset_lists_matching_files_inside_the_repository(tmp_path: Path) -> None:
    for rel in ("files/hello.txt", "files/world.txt", "files/sub/deep.txt", "files/x.tpl",
                "files/{odd}.txt"):
        write(tmp_path, rel, "x")
    assert _local(tmp_path, 'fileset(path.module, "files/*.txt")') == [
        "files/hello.txt", "files/world.txt", "files/{odd}.txt"]
    assert _local(tmp_path, 'fileset("${path.module}/files", "**/*.txt")') == [
        "hello.txt", "sub/deep.txt", "world.txt", "{odd}.txt"]
    assert _local(tmp_path, 'fileset("files", "{hello,world}.*")') == ["hello.txt", "world.txt"]
    assert _local(tmp_path, 'fileset("files", "[hw]?llo.txt")') == ["hello.txt"]
    assert _local(tmp_path, 'fileset("files", "nothing*")') == []
    value = _local(tmp_path, 'fileset("files", "{a,b")')
    assert isinstance(value, Unknown) and "unbalanced" in value.reason


def test_fileset_never_leaves_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.txt", "x")
    repo = tmp_path / "repo"
    write(repo, "files/a.txt", "x")
    os.symlink(outside, repo / "files" / "link")
    os.symlink(outside / "secret.txt", repo / "files" / "s.txt")
    assert _local(repo, 'fileset("files", "**")') == ["a.txt"]
    value = _local(repo, 'fileset("../outside", "*")')
    assert isinstance(value, Unknown) and "outside the scanned repository" in value.reason


def test_abspath_is_relative_to_the_root_module(tmp_path: Path) -> None:
    root = str(tmp_path.resolve())
    assert _local(tmp_path, 'abspath("a/../b.txt")') == f"{root}/b.txt"
    assert _local(tmp_path, 'abspath("/etc/../x")') == "/x"


def test_templatestring_renders_with_its_variables(tmp_path: Path) -> None:
    assert _local(tmp_path, 'templatestring(local.t, { peer = "18.184.10.10" })\n'
                            '  t = "remote $${peer} 1194"') == "remote 18.184.10.10 1194"
    value = _local(tmp_path, "templatestring(var.nope, {})")
    assert isinstance(value, Unknown)


def test_functions_by_their_provider_name(tmp_path: Path) -> None:
    assert _local(tmp_path, 'provider::terraform::cidrhost("10.0.0.0/8", 1)') == "10.0.0.1"


def test_a_cached_result_is_not_reused_when_a_fileset_directory_changes(tmp_path: Path) -> None:
    """fileset() is an observation of the result cache: a new file below the directory makes
    the cached result stale."""
    from exitlint.app import ScanOptions, scan

    repo = tmp_path / "repo"
    write(repo, "main.tf", '''provider "aws" {
  region = "cn-north-1"
}

resource "aws_customer_gateway" "office" {
  for_each   = fileset("${path.module}/peers", "*.ip")
  bgp_asn    = 65010
  ip_address = trimspace(file("${path.module}/peers/${each.value}"))
  type       = "ipsec.1"
}
''')
    write(repo, "peers/a.ip", "114.114.114.114\n")
    (repo / ".git").mkdir()

    def errors() -> list[str]:
        options = ScanOptions(paths=[repo], base=repo, use_cache=True, cache_dir=tmp_path / "c")
        return [f.check_id for f in scan(options).findings]

    assert errors() == [] and errors() == []  # the second run is served from the cache
    write(repo, "peers/b.ip", "18.184.10.10\n")
    assert errors() == ["XB101"]


def test_a_relative_path_is_read_from_the_root_modules_directory(tmp_path: Path) -> None:
    """Terraform reads `file("peers/a.ip")` from its working directory (the root module's)
    whichever module calls it; `${path.module}/...` names the module's own files. A file of the
    same name beside the module is not the one read, and the cached re-run follows the root's
    file."""
    from exitlint.app import ScanOptions, scan

    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo, "live/main.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n'
                                'module "vpn" {\n  source = "../modules/vpn"\n}\n')
    write(repo, "modules/vpn/main.tf", '''resource "aws_customer_gateway" "relative" {
  bgp_asn    = 65010
  ip_address = trimspace(file("peers/a.ip"))
  type       = "ipsec.1"
}

resource "aws_customer_gateway" "own" {
  bgp_asn    = 65010
  ip_address = trimspace(file("${path.module}/peers/a.ip"))
  type       = "ipsec.1"
}
''')
    write(repo, "live/peers/a.ip", "18.184.10.10\n")  # the root's: abroad
    write(repo, "modules/vpn/peers/a.ip", "114.114.114.114\n")  # the module's own: domestic

    def errors() -> list[str]:
        options = ScanOptions(paths=[repo / "live"], base=repo, use_cache=True,
                              cache_dir=tmp_path / "c")
        return sorted(f.resource for f in scan(options).findings if f.severity.value == "error")

    assert errors() == ["module.vpn.aws_customer_gateway.relative"]
    assert errors() == ["module.vpn.aws_customer_gateway.relative"]  # served from the cache
    write(repo, "live/peers/a.ip", "114.114.114.114\n")
    write(repo, "modules/vpn/peers/a.ip", "18.184.10.10\n")
    assert errors() == ["module.vpn.aws_customer_gateway.own"]
