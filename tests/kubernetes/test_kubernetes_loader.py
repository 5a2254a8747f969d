"""Kubernetes input: multi-document YAML, `kind: List`, JSON, stdin, line numbers, Helm templates,
hostile YAML (alias bombs, deep nesting), duplicate keys, and files that are not manifests."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from exitlint.app import ScanOptions, scan
from exitlint.kubernetes.helm import renderer_available as helm_renderer_available
from exitlint.kubernetes.location import ASSUMED_NOTE
from exitlint.kubernetes.objects import objects_in
from exitlint.kubernetes.yaml_positions import LoadError, parse_json, parse_yaml

SS_POD = """apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: proxy
      image: ghcr.io/shadowsocks/sslocal-rust:v1.20.0
"""


def _scan(tmp_path: Path, files: dict[str, str], **kw):
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return scan(ScanOptions(paths=[tmp_path], base=tmp_path, **kw))


def test_multi_document_lines_and_names(tmp_path):
    text = "---\n" + SS_POD.format(name="a") + "---\n# comment\n" + SS_POD.format(name="b") + \
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata:\n" \
        "  a: |\n    ---\n    kind: Pod\n"
    r = _scan(tmp_path, {"m.yaml": text})
    assert r.errors == []
    hits = sorted((f.resource, f.span.line) for f in r.findings)
    assert hits == [("Pod/a", 9), ("Pod/b", 19)]
    assert r.resources == 3  # the `---` inside the ConfigMap block scalar is not a separator


def test_kind_list_items_are_objects(tmp_path):
    text = ("apiVersion: v1\nkind: List\nitems:\n"
            "- apiVersion: v1\n  kind: Pod\n  metadata: {name: x, namespace: ns}\n  spec:\n"
            "    containers:\n    - name: c\n      image: teddysun/xray:1.8.4\n"
            "- apiVersion: v1\n  kind: ConfigMapList\n  items:\n"
            "  - {apiVersion: v1, kind: ConfigMap, metadata: {name: y}}\n")
    r = _scan(tmp_path, {"list.yaml": text})
    assert [(f.check_id, f.resource, f.span.line) for f in r.findings] == \
        [("XB701", "Pod/ns/x", 10)]
    assert r.resources == 2


def test_json_manifest_and_json_list(tmp_path):
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"},
           "spec": {"containers": [{"name": "c", "image": "v2fly/v2fly-core:v5.16.1"}]}}
    doc = {"apiVersion": "v1", "kind": "List", "items": [pod]}
    r = _scan(tmp_path, {"pod.json": json.dumps(doc, indent=2)})
    assert [(f.check_id, f.resource) for f in r.findings] == [("XB701", "Pod/j")]
    assert r.findings[0].span.line == 15  # the image line of the pretty-printed JSON


def test_invalid_json_is_an_error_with_position(tmp_path):
    r = _scan(tmp_path, {"bad.json": '{"apiVersion": "v1", "kind": "Pod",\n  "x": }'})
    assert [(e.file, e.line) for e in r.errors] == [("bad.json", 2)]


def test_stdin_manifests():
    r = scan(ScanOptions(paths=[], stdin_text=SS_POD.format(name="from-stdin")))
    assert [(f.span.file, f.resource) for f in r.findings] == [("-", "Pod/from-stdin")]


def test_stdin_and_files_together(tmp_path):
    (tmp_path / "a.yaml").write_text(SS_POD.format(name="file"), encoding="utf-8")
    r = scan(ScanOptions(paths=[tmp_path], base=tmp_path, stdin_text=SS_POD.format(name="in")))
    assert {f.resource for f in r.findings} == {"Pod/file", "Pod/in"}


def test_non_kubernetes_yaml_is_skipped_silently(tmp_path):
    files = {
        ".github/workflows/ci.yml": "on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n",
        "values.yaml": "image:\n  repository: tailscale/tailscale\n  tag: v1\n",
        "broken.yaml": "a: b\n c: d: e\n",
        "package.json": '{"name": "x", "version": "1.0.0"}',
        "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
        "binary.yaml": "\x00\x01apiVersion kind",
    }
    r = _scan(tmp_path, files)
    assert r.errors == [] and r.findings == [] and r.resources == 0


@pytest.mark.parametrize("renderer", ["on", "off"])
def test_raw_helm_template_outside_a_chart_gets_one_clear_error(tmp_path, monkeypatch, renderer):
    """A templated file outside any chart cannot be rendered: one "render it first" error. A
    chart's templates are never errors: the chart is rendered, or (here: the template calls an
    undefined helper; or no renderer) one not-rendered warning at its Chart.yaml."""
    if renderer == "off":
        monkeypatch.setenv("EXITLINT_HELM", "off")
    elif not helm_renderer_available():
        pytest.skip("helm-python-sdk is not installed (pip install '.[helm]')")
    chart = {
        "chart/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
        "chart/templates/deploy.yaml": (
            "{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
            "  name: {{ include \"demo.fullname\" . }}\nspec:\n  template:\n    spec:\n"
            "      containers:\n      - image: \"{{ .Values.image }}\"\n{{- end }}\n"),
        "chart/values.yaml": "enabled: true\nimage: nginx\n",
        "chart/templates/ok.yaml": ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                    "  name: {{ .Release.Name }}\n"),
        "loose/template.yaml": ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"
                                "{{- with .Values.extra }}\n  {{ toYaml . }}\n{{- end }}\n"),
    }
    r = _scan(tmp_path, chart)
    assert len(r.errors) == 1
    assert "render it first" in r.errors[0].message and "helm template" in r.errors[0].message
    assert r.errors[0].file == "loose/template.yaml"
    [warning] = r.findings
    assert warning.span.file == "chart/Chart.yaml" and warning.severity.value == "warning"
    assert "not rendered" in warning.message
    if renderer == "on":
        assert "demo.fullname" in warning.message  # Helm's own error, shortened
    else:
        assert "exitlint[helm]" in warning.message and "helm template" in warning.message


def test_yaml_parse_error_reported_and_scan_continues(tmp_path):
    r = _scan(tmp_path, {"a-bad.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n",
                         "b-good.yaml": SS_POD.format(name="good")})
    assert [e.file for e in r.errors] == ["a-bad.yaml"]
    assert r.errors[0].line >= 4 and r.errors[0].column >= 1
    assert [f.resource for f in r.findings] == ["Pod/good"]


def test_alias_bomb_is_bounded(tmp_path):
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\n" \
           "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    prev = "a"
    for i in range(12):
        text += f"b{i}: &b{i} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
        prev = f"b{i}"
    t0 = time.monotonic()
    r = _scan(tmp_path, {"bomb.yaml": text})
    assert time.monotonic() - t0 < 5
    assert len(r.errors) == 1 and "alias" in r.errors[0].message


def test_deep_nesting_is_bounded():
    # refused with a position, whoever words it (libyaml has its own depth limit since 6.0.4)
    for text in ("a: " + "[" * 100000 + "]" * 100000, "- " * 100000 + "x"):
        with pytest.raises(LoadError) as info:
            parse_yaml(text)
        assert info.value.line >= 1 and info.value.column >= 1 and str(info.value)


def test_anchors_merge_keys_and_duplicate_keys(tmp_path):
    text = """apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
        - &base
          name: app
          image: nginx:1.27
        - <<: *base
          name: sidecar
          image: nginx:1.27
          image: cloudflare/cloudflared:2024.6.1
"""
    r = _scan(tmp_path, {"d.yaml": text})
    assert [(f.check_id, f.span.line) for f in r.findings] == [("XB702", 14)]
    assert any("duplicate key 'image'" in n for n in r.notes)


def test_loader_positions():
    [doc] = parse_yaml("a:\n  b: 1\n  c:\n    - x\n    - y: 2\n")
    assert doc.value.line_of("a") == 1
    assert doc.value["a"].line_of("c") == 3
    assert doc.value["a"]["c"].line_of(1) == 5
    [jdoc] = parse_json('{\n "kind": "Pod",\n "apiVersion": "v1"\n}')
    assert jdoc.value.line_of("apiVersion") == 3
    assert [o.resource for o in objects_in([jdoc], "f")] == ["Pod/(unnamed)"]


def test_assumed_mainland_note_once(tmp_path):
    r = _scan(tmp_path, {"a.yaml": SS_POD.format(name="a"), "b.yaml": SS_POD.format(name="b")})
    assert r.notes.count(ASSUMED_NOTE) == 1
    assert len(r.findings) == 2


def test_large_manifest_file_is_an_error(tmp_path):
    big = SS_POD.format(name="big") + "# " + "x" * 2000 + "\n"
    r = _scan(tmp_path, {"big.yaml": big}, max_file_size=1000)
    assert len(r.errors) == 1 and "limit" in r.errors[0].message
