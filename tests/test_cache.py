"""The result cache never returns a stale result (issue 10 §1; red team 2 D1-D6, D21, D29, D31).

Each test warms a cache, changes the repository the way a user (or an attacker) would, and
checks that the cached scan prints exactly what an uncached scan prints, with the same exit
code; the change is checked to matter (the uncached result differs from before), so a test
cannot pass by the cache being bypassed or the change being a no-op.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import io
import json
import os
import pwd
import shutil
from pathlib import Path
from typing import Any

import pytest
from _cases import FRPC_MANIFEST
from _subproc import child_env, run_cli
from exitlint import cache as cache_mod
from exitlint.cli import main
from exitlint.terraform import files as loader

MAINLAND, FOREIGN = "1.0.1.10", "52.0.0.1"  # same length: edits keep the file's size

VPN = """\
provider "aws" {
  region = "cn-north-1"
}
resource "aws_customer_gateway" "cg" {
  bgp_asn    = 65000
  ip_address = %s
  type       = "ipsec.1"
}
resource "aws_vpn_connection" "vpn" {
  customer_gateway_id = aws_customer_gateway.cg.id
  vpn_gateway_id      = "vgw-1"
  type                = "ipsec.1"
}
"""

FRP_FOREIGN, FRP_MAINLAND = "58.176.0.1", "61.135.0.1"  # XB703 error / nothing; same length


def vpn(peer_expr: str) -> str:
    return VPN % peer_expr


def scan(cache: Path | None, *extra: str, path: str = ".") -> tuple[int, str]:
    """The CLI in-process on `path` (default: the current directory): (exit code, report)."""
    args = [path, "--format", "json", *extra]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


def same(cache: Path, *extra: str, path: str = ".") -> tuple[int, str]:
    """A cached scan equals an uncached one, byte for byte; returns the truth."""
    truth = scan(None, *extra, path=path)
    assert scan(cache, *extra, path=path) == truth
    assert scan(cache, *extra, path=path) == truth  # again, from what the last run stored
    return truth


def keep_stat(path: Path, text: str) -> None:
    """Rewrite `path` in place with the same size and modification time (`touch -r`)."""
    st = path.stat()
    data = text.encode()
    assert len(data) == st.st_size
    with path.open("r+b") as fh:
        fh.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def warm(cache: Path, *extra: str, path: str = ".") -> tuple[int, str]:
    first = scan(cache, *extra, path=path)
    assert first == scan(None, *extra, path=path)
    return first


# -- content, not stat (D5, S01-S04, S12b, S18, S22) ----------------------------------------
def test_same_size_edit_with_mtime_kept(repo: Path, cache: Path) -> None:
    main_tf = repo / "main.tf"
    main_tf.write_text(vpn(f'"{MAINLAND}"'))
    assert warm(cache)[0] == 0
    keep_stat(main_tf, vpn(f'"{FOREIGN}"'))
    assert same(cache)[0] == 1
    keep_stat(main_tf, vpn(f'"{MAINLAND}"'))  # and back: the dangerous direction too
    assert same(cache)[0] == 0


def test_file_function_target_edited_with_stat_kept(repo: Path, cache: Path) -> None:
    (repo / "main.tf").write_text(vpn('trimspace(file("${path.module}/peer.txt"))'))
    peer = repo / "peer.txt"
    peer.write_text(MAINLAND)
    assert warm(cache)[0] == 0
    keep_stat(peer, FOREIGN)
    assert same(cache)[0] == 1


def test_manifest_edited_with_stat_kept(repo: Path, cache: Path) -> None:
    manifest = repo / "tunnel.yaml"
    manifest.write_text(FRPC_MANIFEST % FRP_MAINLAND)
    assert warm(cache)[0] == 0
    keep_stat(manifest, FRPC_MANIFEST % FRP_FOREIGN)
    assert same(cache)[0] == 1


def test_file_saved_during_the_scan(repo: Path, cache: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """D1: the file is rewritten after the reader got its bytes; the next run must see it."""
    main_tf = repo / "main.tf"
    main_tf.write_text(vpn(f'"{MAINLAND}"'))
    real = loader.parse_source

    def parse_then_save(data: bytes, rel: str, name: str, sink: Any = None) -> Any:
        outcome = real(data, rel, name, sink)
        if name == "main.tf" and MAINLAND.encode() in data:
            main_tf.write_text(vpn(f'"{FOREIGN}"'))  # an editor saving mid-scan
        return outcome

    monkeypatch.setattr(loader, "parse_source", parse_then_save)
    assert scan(cache)[0] == 0  # what it read: the mainland peer
    monkeypatch.setattr(loader, "parse_source", real)
    assert same(cache)[0] == 1


# -- what decides what is read (D3, D4: S06, S07, S13-S17) --------------------------------
@pytest.mark.parametrize("name", ["terraform.tfvars", "prod.auto.tfvars",
                                  "terraform.tfvars.json"])
def test_new_tfvars(repo: Path, cache: Path, name: str) -> None:
    variable = f'variable "peer" {{\n  default = "{MAINLAND}"\n}}\n'
    (repo / "main.tf").write_text(variable + vpn("var.peer"))
    assert warm(cache)[0] == 0
    text = json.dumps({"peer": FOREIGN}) if name.endswith(".json") else f'peer = "{FOREIGN}"\n'
    (repo / name).write_text(text)
    assert same(cache)[0] == 1


def _module_call(source: str) -> str:
    return f'module "edge" {{\n  source = "{source}"\n}}\n'


def test_module_directory_appears(repo: Path, cache: Path) -> None:
    (repo / "main.tf").write_text(_module_call("./modules/edge"))
    first = warm(cache)
    (repo / "modules" / "edge").mkdir(parents=True)
    (repo / "modules" / "edge" / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    assert same(cache)[0] == 1 and first[0] != 1


def test_module_directory_gets_its_first_tf_file(repo: Path, cache: Path) -> None:
    (repo / "main.tf").write_text(_module_call("./modules/edge"))
    (repo / "modules" / "edge").mkdir(parents=True)
    (repo / "modules" / "edge" / "README.md").write_text("later\n")
    assert warm(cache)[0] != 1
    (repo / "modules" / "edge" / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    assert same(cache)[0] == 1


def test_terraform_init_writes_modules_json(repo: Path, cache: Path) -> None:
    (repo / "main.tf").write_text(_module_call("terraform-aws-modules/vpn-gateway/aws"))
    assert warm(cache)[0] != 1
    downloaded = repo / ".terraform" / "modules" / "edge"
    downloaded.mkdir(parents=True)
    (downloaded / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    (repo / ".terraform" / "modules" / "modules.json").write_text(json.dumps({"Modules": [
        {"Key": "", "Source": "", "Dir": "."},
        {"Key": "edge", "Source": "registry.terraform.io/terraform-aws-modules/vpn-gateway/aws",
         "Dir": ".terraform/modules/edge"}]}))
    assert same(cache)[0] == 1


def test_symlinked_module_directory_repointed(repo: Path, cache: Path) -> None:
    for version, peer in (("v1", MAINLAND), ("v2", FOREIGN)):  # vendor/: not scanned as roots
        (repo / "vendor" / version).mkdir(parents=True)
        (repo / "vendor" / version / "main.tf").write_text(vpn(f'"{peer}"'))
    (repo / "modules").mkdir()
    link = repo / "modules" / "current"
    link.symlink_to("../vendor/v1")
    (repo / "main.tf").write_text(_module_call("./modules/current"))
    assert warm(cache)[0] == 0
    link.unlink()
    link.symlink_to("../vendor/v2")
    assert same(cache)[0] == 1


def test_scanned_root_is_a_symlink_repointed(tmp_path: Path, cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    for version, peer in (("a", MAINLAND), ("b", FOREIGN)):
        (tmp_path / version).mkdir()
        (tmp_path / version / "main.tf").write_text(vpn(f'"{peer}"'))
    link = tmp_path / "live"
    link.symlink_to("a")
    monkeypatch.chdir(tmp_path)
    assert warm(cache, path="live")[0] == 0
    link.unlink()
    link.symlink_to("b")
    assert same(cache, path="live")[0] == 1


# -- unreadable files are dependencies too (D2: S20, S20b) -----------------------------------
def test_unreadable_file_fixed(repo: Path, cache: Path) -> None:
    (repo / "providers.tf").write_text('provider "aws" {\n  region = "cn-north-1"\n}\n')
    body = vpn(f'"{FOREIGN}"').split("\n", 3)[3]  # the resources, without the provider
    (repo / "vpn.tf").write_bytes(body.encode("utf-16"))
    code, report = warm(cache)
    assert code == 2 and "vpn.tf" in report
    assert same(cache)[0] == 2  # the error stays on the cached run
    (repo / "vpn.tf").write_text(body)
    assert same(cache)[0] == 1


def test_oversized_file_stays_an_error(repo: Path, cache: Path) -> None:
    (repo / "main.tf").write_text(vpn(f'"{MAINLAND}"'))
    (repo / "big.tf").write_text("# " + "x" * 3000 + "\n")
    code, report = warm(cache, "--max-file-size", "2000")
    assert code == 2 and "big.tf" in report
    assert same(cache, "--max-file-size", "2000")[0] == 2


# -- dependencies and the engine are in the key (D6, S23) -------------------------------------
def test_key_changes_with_dependency_files_and_versions(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "fakeiptocc"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    data = package / "iptocc.abi3.so"
    data.write_bytes(b"1.0.1.0/24 CN")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(cache_mod, "_PACKAGES", ("fakeiptocc",))
    stamp = cache_mod.compute_stamp  # the per-process memo aside
    before = stamp()
    assert stamp() == before
    data.write_bytes(b"1.0.1.0/24 US")  # a new release moved the block
    moved = stamp()
    assert moved != before
    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "99" if name == "PyYAML" else real_version(name))
    assert stamp() != moved


# -- entries are data, checked before use (D21, D29, S25, S26, S31) ----------------------------
def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if p.is_file())


WRONG_SHAPES: list[Any] = [
    None, 0, "x", [], {}, {"salt": None}, {"deps": None, "dirs": None}, [1, 2, 3],
    {"findings": [{"sp": ["a", "b", "c", "d"]}]},
]


def _reshape(raw: Any, i: int) -> Any:
    """Well-formed JSON of the wrong shape, several ways, keeping what identifies the entry."""
    if not isinstance(raw, dict):
        return WRONG_SHAPES[i % len(WRONG_SHAPES)]
    out = dict(raw)
    victims = sorted(out)
    key = victims[i % len(victims)] if victims else "x"
    if key in ("salt", "name", "sha") and i % 3:
        key = victims[(i + 1) % len(victims)]
    out[key] = WRONG_SHAPES[i % len(WRONG_SHAPES)] if i % 2 else {"sp": [1, "2"], "c": None}
    if "findings" in out and i % 5 == 0:
        out["findings"] = [{"check_id": 7, "span": "main.tf"}]
    return out


def _checksum(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def test_wrong_shaped_entries_are_misses(repo: Path, cache: Path) -> None:
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    (repo / "tunnel.yaml").write_text(FRPC_MANIFEST % FRP_FOREIGN)
    truth = warm(cache)
    entries = _entries(cache)
    assert entries
    for round_ in range(6):
        for i, entry in enumerate(entries):
            try:
                raw = json.loads(entry.read_text())
            except ValueError:
                raw = None
            entry.write_text(json.dumps(_reshape(raw, i + round_)))
        assert scan(cache) == truth
    for entry in _entries(cache):  # truncated and random bytes (S25)
        entry.write_bytes(b'{"salt": "2|')
    assert scan(cache) == truth


@pytest.mark.parametrize("bad", [{"bad": True}, [{"check_id": 7}], [[1, 2]], ["x"], None, 1.5])
def test_intact_entries_of_the_wrong_type_are_misses(repo: Path, cache: Path, bad: Any) -> None:
    """Entries whose checksum holds (written by something else than this version) but whose
    fields have the wrong types: every field in turn."""
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    (repo / "tunnel.yaml").write_text(FRPC_MANIFEST % FRP_FOREIGN)
    truth = warm(cache)
    saved = {p: p.read_bytes().split(b"\n", 1) for p in _entries(cache)
             if p.relative_to(cache).parts[0] not in ("data", "stamp")}  # results only
    assert len(saved) == 2  # the root module and the Kubernetes part
    fields = {name for _, body in saved.values() for name in json.loads(body)}
    for field in sorted(fields):
        for path, (head, body) in saved.items():
            header, payload = json.loads(head), json.loads(body)
            if field in payload:
                payload[field] = bad
            new_body = json.dumps(payload).encode()
            header["sum"] = hashlib.sha256(new_body).hexdigest()  # intact, as far as it goes
            path.write_bytes(json.dumps(header).encode() + b"\n" + new_body)
        assert scan(cache) == truth, field


def test_planted_catalogue_entry_with_wrong_hash_is_ignored(repo: Path, tmp_path: Path) -> None:
    """S30: entries claiming that XB101 is `info`, made from other YAML than the installed
    catalogue (their content hash is not the installed file's), are not used. Subprocesses:
    the catalogue is loaded once per process. Every catalogue file gets a planted entry, also
    those an installed wheel never looks up (it carries them pre-parsed, data_bundle.py)."""
    from exitlint.data_files import load
    from exitlint.resources import checks_dir

    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    cache = tmp_path / "cache"
    args = ["--format", "json", "--cache-dir", str(cache), "."]
    env = child_env()
    first = run_cli(args, repo, timeout=60, env=env)
    assert first.code == 1
    planted = 0
    for path in sorted(checks_dir().rglob("*.yaml")):
        key = hashlib.sha256(f"data|{path}".encode("utf-8", "surrogatepass")).hexdigest()
        entry = cache / "data" / key[:2] / f"{key}.json"
        data = json.loads(json.dumps(load(path.read_text(encoding="utf-8")),
                                     default=str).replace('"error"', '"info"'))
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(json.dumps({"sha": hashlib.blake2b(b"planted", digest_size=20)
                                     .hexdigest(), "sum": _checksum(data), "data": data}))
        planted += 1
    assert planted > 50
    for result in cache.iterdir():  # results go: the catalogue is what is tested
        if result.name != "data":
            shutil.rmtree(result) if result.is_dir() else result.unlink()
    again = run_cli(args, repo, timeout=60, env=env)
    assert (again.code, again.stdout) == (first.code, first.stdout)


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_entry_replaced_by_fifo_or_device_does_not_hang(repo: Path, tmp_path: Path,
                                                        kind: str) -> None:
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    cache = tmp_path / "cache"
    env = child_env()
    args = ["--format", "json", "--cache-dir", str(cache), "."]
    first = run_cli(args, repo, timeout=60, env=env)
    assert first.code == 1
    for entry in _entries(cache):
        entry.unlink()
        if kind == "fifo":
            os.mkfifo(entry)
        else:
            entry.symlink_to("/dev/zero")
    again = run_cli(args, repo, timeout=60, mem_mb=1024, env=env)
    assert not again.timed_out
    assert (again.code, again.stdout) == (first.code, first.stdout)
    assert "Traceback" not in again.stderr


# -- where the cache lives (D31, S27-S29) --------------------------------------------------------
def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_home_unset_writes_nothing_into_the_repository(repo: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    before = _tree(repo)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_entry(uid: int) -> Any:
        raise KeyError(uid)  # a uid without a passwd entry (docker run --user 1001)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert os.path.expanduser("~") == "~"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([".", "--format", "json"]) == 1
    assert _tree(repo) == before


def test_relative_xdg_cache_home_is_ignored(repo: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    before = _tree(repo)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relcache")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([".", "--format", "json"]) == 1
    assert _tree(repo) == before
    assert (home / ".cache" / "exitlint").is_dir()  # the absolute fallback is used instead
    assert (home / ".cache" / "exitlint").stat().st_mode & 0o077 == 0


def test_default_cache_inside_the_scanned_repository_is_not_used(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / "in-repo-cache"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([".", "--format", "json"]) == 1
    assert not (repo / "in-repo-cache").exists()


def test_cache_directory_of_another_user_is_not_used(repo: Path, cache: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to give the directory to another user")
    (repo / "main.tf").write_text(vpn(f'"{FOREIGN}"'))
    cache.mkdir()
    os.chown(cache, 4242, 4242)
    assert scan(cache) == scan(None)
    assert _entries(cache) == []


# -- the cache itself knows no front end: opaque units, observations replayed generically ------
@dataclasses.dataclass
class _Unit:
    name: Path
    paths: list[Path]
    count: int = 0


def _unit_cache(tmp_path: Path, front: Any = None) -> cache_mod.ResultCache:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700, exist_ok=True)
    return cache_mod.ResultCache(directory, "settings", cache_mod.Replay(front))


def test_a_unit_of_any_type_comes_back_while_its_observations_hold(tmp_path: Path) -> None:
    module = tmp_path / "mod"
    module.mkdir()
    unit = _Unit(module, [module / "a.tf"], 3)
    cache = _unit_cache(tmp_path)
    observations = {("dir", str(module)): cache_mod.Replay().token(("dir", str(module)))}
    cache.store("units", "u1", unit, observations)
    assert _unit_cache(tmp_path).load("units", "u1", _Unit) == unit
    assert _unit_cache(tmp_path).load("units", "u2", _Unit) is None  # another unit's name
    assert _unit_cache(tmp_path).load("other", "u1", _Unit) is None  # another kind
    (module / "b.tf").write_text("")  # the directory's listing changed: a miss
    assert _unit_cache(tmp_path).load("units", "u1", _Unit) is None


def test_a_unit_read_as_another_type_is_a_miss(tmp_path: Path) -> None:
    @dataclasses.dataclass
    class Other:
        name: str

    cache = _unit_cache(tmp_path)
    cache.store("units", "u", _Unit(tmp_path, []))
    assert cache.load("units", "u", Other) is None
    assert cache.load("units", "u", _Unit) == _Unit(tmp_path, [])


def test_front_end_kinds_are_replayed_by_the_front_end(tmp_path: Path) -> None:
    asked: list[tuple[str, str]] = []

    def front(kind: str, arg: str) -> str:
        asked.append((kind, arg))
        return "seen" if arg == "same" else "other"

    _unit_cache(tmp_path).store("units", "u", _Unit(tmp_path, []), {("text", "same"): "seen"})
    assert _unit_cache(tmp_path, front).load("units", "u", _Unit) == _Unit(tmp_path, [])
    assert asked == [("text", "same")]
    # without a front end the kind is unknown, never taken as unchanged
    assert _unit_cache(tmp_path).load("units", "u", _Unit) is None
    _unit_cache(tmp_path).store("units", "v", _Unit(tmp_path, []), {("text", "gone"): "seen"})
    assert _unit_cache(tmp_path, front).load("units", "v", _Unit) is None
