"""Work that cannot change a finding is not done (issue 16 item 3): documents of inert kinds
(checks/inert-kinds.yaml, less what the catalogue reads) are skipped before parsing, and the
YAML of many files is parsed in worker processes; neither changes what a scan reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _cases import run, write
from exitlint.app import ScanOptions, scan
from exitlint.engine.catalog import load_checks
from exitlint.kubernetes import scan as kscan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples" / "kubernetes").glob("*/*") if p.is_dir())

ROLE_WITH_POD = """\
apiVersion: example.com/v1
kind: Role
metadata: {name: relay}
spec:
  template:
    spec:
      containers:
        - name: ss
          image: shadowsocks/shadowsocks-libev
"""
RBAC_ROLE = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
"""


def _report(result: Any) -> tuple[Any, ...]:
    return (result.findings, result.errors, result.notes)


def test_a_kind_the_catalogue_reads_is_never_skipped(monkeypatch):
    everything = kscan.inert_kinds(lambda _kind: False)
    assert "CustomResourceDefinition" in everything["apiextensions.k8s.io"]
    read = kscan.inert_kinds(lambda kind: kind == "ServiceAccount")
    assert "ServiceAccount" not in read.get("", frozenset())
    # config sources and GitOps kinds are read, whatever the data file says
    monkeypatch.setattr(kscan, "_inert_data", lambda: {"": frozenset({"ConfigMap", "Secret"}),
                                                       "x": frozenset({"HelmRelease"})})
    assert kscan.inert_kinds(lambda _kind: False) == {}


def test_no_inert_kind_is_a_target_of_the_bundled_checks():
    checks = load_checks()
    for group, kinds in kscan._inert_data().items():
        for kind in kinds:
            assert kind not in checks.by_type, f"{group}/{kind} is read by a check"


def test_only_the_listed_group_is_skipped(tmp_path):
    write(tmp_path, "a.yaml", RBAC_ROLE + "---\n" + ROLE_WITH_POD)
    inert = kscan.inert_kinds(lambda _kind: False)
    blanked = kscan._blank_inert((tmp_path / "a.yaml").read_text(), inert)
    assert "rbac.authorization" not in blanked and "example.com/v1" in blanked
    result = scan(ScanOptions(paths=[tmp_path], base=tmp_path))
    assert [f.check_id for f in result.findings] == ["XB701"]  # a pod template in a custom Role


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_skipping_changes_no_finding_on_the_examples(example, monkeypatch):
    skipped = scan(ScanOptions(paths=[example], base=example))
    monkeypatch.setattr(kscan, "inert_kinds", lambda reads: {})
    assert _report(scan(ScanOptions(paths=[example], base=example))) == _report(skipped)


def test_skipping_changes_no_finding_beside_inert_documents(tmp_path, monkeypatch):
    for i in range(3):
        write(tmp_path, f"m{i}.yaml", RBAC_ROLE + "---\n" + ROLE_WITH_POD + "---\n"
              "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s}\n---\n"
              "# exitlint:ignore XB701 reason=\"lab\"\n" + ROLE_WITH_POD.replace("relay", "r2"))
    skipped = scan(ScanOptions(paths=[tmp_path], base=tmp_path))
    assert len(skipped.findings) == 6
    monkeypatch.setattr(kscan, "inert_kinds", lambda reads: {})
    assert _report(scan(ScanOptions(paths=[tmp_path], base=tmp_path))) == _report(skipped)


# -- parallel parsing ----------------------------------------------------------------------------
def _tree(root: Path, n: int) -> Path:
    for i in range(n):
        peer = "18.184.10.10" if i % 7 == 0 else "114.114.114.114"
        write(root, f"d{i % 5}/m{i}.yaml", f"""\
            apiVersion: apps/v1
            kind: Deployment
            metadata: {{name: relay{i}}}
            spec:
              template:
                spec:
                  containers:
                    - name: frpc
                      image: fatedier/frpc:v0.58.0
                      env: [{{name: FRP_SERVER_ADDR, value: "{peer}"}}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {{name: c{i}}}
            data: {{a: "{'x' * (i % 50)}"}}
            """)
    write(root, "bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n")
    return root


def test_parallel_parsing_prints_the_same_bytes(tmp_path, capsys, monkeypatch):
    repo = _tree(tmp_path / "repo", 120)
    monkeypatch.setattr(kscan, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(kscan, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(kscan, "PARALLEL_MIN_JOBS", 2)
    pools: list[int] = []
    real = kscan.map_units

    def spy(work: Any, chunks: Any, jobs: int, serial: Any) -> Any:
        pools.append(len(chunks))
        return real(work, chunks, jobs, serial)

    monkeypatch.setattr(kscan, "map_units", spy)
    serial = run(capsys, str(repo), "--no-cache", "--jobs", "1", "--format", "json")
    assert pools == []
    parallel = run(capsys, str(repo), "--no-cache", "--jobs", "2", "--format", "json")
    assert pools and pools[0] > 2  # a pool was used, with several chunks
    assert parallel == serial and serial[0] == 2  # the broken file is an error either way
    assert serial[1].count('"XB703"') == 18  # every seventh of 120 relays


def test_few_files_or_few_workers_stay_serial(tmp_path, monkeypatch):
    repo = _tree(tmp_path / "repo", 12)
    monkeypatch.setattr(kscan, "map_units", lambda *a: pytest.fail("a pool"))
    scan(ScanOptions(paths=[repo], base=repo, jobs=8))  # 13 files
    monkeypatch.setattr(kscan, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(kscan, "PARALLEL_MIN_BYTES", 1)
    scan(ScanOptions(paths=[repo], base=repo, jobs=3))  # fewer workers than pay off
