"""Fuzz the YAML/Kubernetes input (through the public `scan()`), the policy loader and the
suppression parser: for any input, a result or a clear error, never another exception."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from _fuzz_strategies import (
    FUZZ,
    HCL_FILE,
    JSON_TEXT,
    JSON_VALUE,
    YAML_NOISE,
    json_paths,
    replaced,
    value_at,
    wrong_types,
)
from exitlint.app import ScanOptions, UsageError, scan
from exitlint.model import ScanResult
from exitlint.policy import Policy, PolicyError, load_policy
from exitlint.suppressions import Suppression, parse_suppression
from hypothesis import given
from hypothesis import strategies as st

MANIFEST = st.fixed_dictionaries({
    "apiVersion": st.sampled_from(["v1", "apps/v1", "networking.istio.io/v1", 3]),
    "kind": st.sampled_from(["Deployment", "Service", "Pod", "List", "ConfigMap", "DaemonSet",
                             "ServiceEntry", None]),
    "metadata": st.one_of(JSON_VALUE, st.fixed_dictionaries(
        {"name": st.text(max_size=5), "namespace": st.sampled_from(["a", "", 1])})),
    "spec": JSON_VALUE,
})
YAML_TEXT = st.one_of(
    YAML_NOISE.map(lambda t: "apiVersion: v1\nkind: Pod\n" + t),
    st.lists(MANIFEST, min_size=1, max_size=3).map(
        lambda docs: "---\n".join(yaml.safe_dump(d) for d in docs)),
    st.lists(MANIFEST, max_size=2).map(lambda docs: yaml.safe_dump({"apiVersion": "v1",
                                                                    "kind": "List",
                                                                    "items": docs})),
    st.sampled_from(["a: &x [*x]\n", "apiVersion: v1\nkind: Pod\n<<: *nope\n",
                     "apiVersion: v1\nkind: Pod\nspec: !!python/object/apply:os.system [id]\n",
                     "apiVersion: v1\nkind: Pod\nspec: {{ .Values.x }}\n", "%YAML 9.9\n---\n",
                     "apiVersion: v1\nkind: Pod\nx: !!binary AAAA\ny: 2001-02-30\n"]),
)


def _scan_file(name: str, data: bytes) -> ScanResult | None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".git").mkdir()
        (root / name).write_bytes(data)
        try:
            result = scan(ScanOptions(paths=[root], base=root, today=dt.date(2026, 1, 1)))
        except UsageError:
            return None
        for err in result.errors:
            assert err.line >= 1 and err.column >= 1 and err.message
        return result


@FUZZ
@given(YAML_TEXT)
def test_scan_random_yaml(text: str) -> None:
    _scan_file("fuzz.yaml", text.encode())


@FUZZ
@given(st.one_of(JSON_TEXT, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_scan_random_json(text: str) -> None:
    _scan_file("fuzz.json", ('{"apiVersion": "v1", "kind": "Pod", "x": ' + text + "}").encode())
    _scan_file("fuzz.tf.json", text.encode())


@FUZZ
@given(st.one_of(HCL_FILE, st.binary(max_size=400).map(lambda b: b.decode("latin-1"))))
def test_scan_random_terraform(text: str) -> None:
    _scan_file("main.tf", text.encode("utf-8", "surrogatepass"))


POLICY_KEYS = st.sampled_from(["version", "default_region", "domestic_cidrs", "foreign_cidrs",
                               "approved_exits", "checks", "unknown", "kubernetes", "exclude",
                               "domestic_hosts", "id", "carrier", "approval", "expires", "match",
                               "peer_cidrs", "resources", "severity", "XB101", "paths"])
POLICY_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
              st.sampled_from(["10.0.0.0/8", "300.1.1.1/33", "2027-02-30", "2027-06-30",
                               "disabled", "error", "china-unicom", "cn-north-1"]),
              st.dates().map(str)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(POLICY_KEYS, inner, max_size=4)),
    max_leaves=12)
POLICY_TEXT = st.one_of(
    st.dictionaries(POLICY_KEYS, POLICY_VALUES, max_size=6).map(
        lambda d: yaml.safe_dump({"version": 1, **d})),
    YAML_NOISE,
    st.sampled_from(["expires: 2027-02-30\n", "approved_exits:\n  - expires: 2027-13-01\n",
                     "!!python/object/apply:os.system [id]\n", "a: &a [*a]\n", "[1, 2\n",
                     "version: 1\napproved_exits: [{id: x, carrier: china-unicom, "
                     "approval: A, match: {peer_cidrs: [bad]}}]\n"]),
)


@FUZZ
@given(POLICY_TEXT)
def test_load_policy_random(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ".exitlint.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            policy = load_policy(path)
        except PolicyError as exc:
            assert str(exc)
            return
        assert isinstance(policy, Policy)


@FUZZ
@given(st.one_of(st.text(max_size=120),
                 st.builds(lambda ids, rest: f"# exitlint:ignore {ids} {rest}",
                           st.text(alphabet="XB0129, ", max_size=20),
                           st.text(alphabet='reason=until"\' 2027-01-01x*/', max_size=40))),
       st.integers(1, 10**6), st.integers(1, 500))
def test_parse_suppression_random(text: str, line: int, column: int) -> None:
    s = parse_suppression(text, line, column)
    assert s is None or isinstance(s, Suppression)
    if s is not None:
        assert (s.line, s.column) == (line, column)
        s.expired(dt.date(2026, 1, 1))


# -- wrong JSON types at every path of real manifests and plans (issue 10 §6) ----------------
ROOT = Path(__file__).resolve().parent.parent
def _is_manifest(path: Path) -> bool:
    """Kubernetes objects, not what charts and overlays are made of (templates, Chart.yaml,
    values, kustomization.yaml, policy files): those are rendered, and fuzzed as rendered."""
    try:
        docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
    except yaml.YAMLError:
        return False
    return bool(docs) and all(isinstance(d, dict) and "apiVersion" in d and "kind" in d
                              and d["kind"] != "Kustomization" for d in docs)


MANIFESTS = sorted(p for p in (ROOT / "examples" / "kubernetes").rglob("*.yaml")
                   if _is_manifest(p))
PLANS = [ROOT / "tests" / "data" / "plans" / "xb101-vpn-peer.plan.json",
         ROOT / "tests" / "data" / "plans" / "keyed" / "plan.json"]
TODAY = dt.date(2026, 1, 1)


class _Scanner:
    """One scratch repository, rewritten and scanned once per mutation (in-process: thousands
    of scans). Every input is either scanned or reported as an error with a position."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.file = root / name
        (root / ".git").mkdir(exist_ok=True)

    def scan(self, text: str) -> ScanResult:
        self.file.write_text(text, encoding="utf-8")
        result = scan(ScanOptions(paths=[self.file], base=self.root, today=TODAY))
        for err in result.errors:
            assert err.line >= 1 and err.column >= 1 and err.message
        return result


def _manifest_docs(path: Path) -> list[Any]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]


@pytest.mark.parametrize("manifest", MANIFESTS, ids=[p.parent.parent.name + "/" + p.parent.name
                                                       for p in MANIFESTS])
def test_manifest_type_mutations(manifest: Path, tmp_path: Path) -> None:
    """Every value of every object of an example manifest replaced by each wrong type (the
    ConfigMap without metadata crashed the whole scan): never an exception."""
    docs = _manifest_docs(manifest)
    scanner = _Scanner(tmp_path, manifest.name)
    for i, doc in enumerate(docs):
        for trail in json_paths(doc):
            for wrong in wrong_types(value_at(doc, trail)):
                mutated = [replaced(d, trail, wrong) if j == i else d for j, d in enumerate(docs)]
                scanner.scan(yaml.safe_dump_all(mutated))


@FUZZ
@given(st.data())
def test_manifest_random_values_at_any_path(data: st.DataObject) -> None:
    manifest = data.draw(st.sampled_from(MANIFESTS))
    docs = _manifest_docs(manifest)
    i = data.draw(st.integers(0, len(docs) - 1))
    trail = data.draw(st.sampled_from(json_paths(docs[i])))
    docs[i] = replaced(docs[i], trail, data.draw(JSON_VALUE))
    with tempfile.TemporaryDirectory() as tmp:
        _Scanner(Path(tmp), "m.yaml").scan(yaml.safe_dump_all(docs))


def _plan_scanner(plan: Path, root: Path) -> _Scanner:
    shutil.copytree(plan.parent, root / "p")  # with the .tf files the plan points at
    return _Scanner(root / "p", plan.name)


@pytest.mark.parametrize("plan", PLANS, ids=[p.parent.name for p in PLANS])
def test_plan_type_mutations(plan: Path, tmp_path: Path) -> None:
    """Every part of a real plan replaced by each wrong type (`resources: 1` crashed the whole
    scan): scanned, or one error on the file saying which part is wrong."""
    doc = json.loads(plan.read_text(encoding="utf-8"))
    scanner = _plan_scanner(plan, tmp_path)
    for trail in json_paths(doc):
        for wrong in wrong_types(value_at(doc, trail)):
            result = scanner.scan(json.dumps(replaced(doc, trail, wrong)))
            for err in result.errors:
                assert err.message.startswith(("not a valid Terraform plan: ", "not a Terraform "
                                               "plan", "unsupported plan")), err


def test_plan_type_error_names_the_part(tmp_path: Path) -> None:
    scanner = _Scanner(tmp_path, "plan.json")
    result = scanner.scan('{"format_version":"1.2","planned_values":{"root_module":'
                          '{"resources":1}}}')
    assert [e.message for e in result.errors] == [
        "not a valid Terraform plan: planned_values.root_module.resources is not a list"]
    result = scanner.scan(json.dumps({"format_version": "1.2", "planned_values": {},
                                      "configuration": {"root_module": {"module_calls": {
                                          "edge": {"module": "x"}}}}}))
    assert [e.message for e in result.errors] == [
        "not a valid Terraform plan: configuration.root_module.module_calls.edge.module is not "
        "an object"]


@FUZZ
@given(st.data())
def test_plan_random_values_at_any_path(data: st.DataObject) -> None:
    plan = data.draw(st.sampled_from(PLANS))
    doc = json.loads(plan.read_text(encoding="utf-8"))
    trail = data.draw(st.sampled_from(json_paths(doc)))
    mutated = replaced(doc, trail, data.draw(JSON_VALUE))
    if not isinstance(mutated, dict) or "format_version" not in mutated:
        return
    with tempfile.TemporaryDirectory() as tmp:
        _plan_scanner(plan, Path(tmp)).scan(json.dumps(mutated))
