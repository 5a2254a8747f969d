"""Helm charts: rendered offline with Helm's engine (helm-python-sdk), findings on the templates,
one not-rendered warning per chart without the renderer, bounded rendering, `# Source:` streams."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from _cases import run, write
from exitlint.app import ScanOptions, scan
from exitlint.kubernetes import helm
from exitlint.kubernetes.rendered import align, split_sources

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "examples" / "kubernetes" / "XB702-helm-chart" / "noncompliant"

needs_helm = pytest.mark.skipif(not helm.renderer_available(),
                                reason="helm-python-sdk is not installed (pip install '.[helm]'); "
                                       "CI installs it")


def _repo(tmp_path: Path, chart: Path = CHART, name: str = "edge") -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    shutil.copytree(chart, tmp_path / name)
    return tmp_path


def _scan(path: Path, **kw):
    return scan(ScanOptions(paths=[path], base=path, **kw))


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# -- rendered charts -----------------------------------------------------------------------------
@needs_helm
def test_default_values_deploy_cloudflared_error_in_the_template(tmp_path):
    repo = _repo(tmp_path)
    r = _scan(repo)
    assert r.errors == []
    [f] = r.findings
    assert (f.check_id, f.severity.value) == ("XB702", "error")
    assert f.span.file == "edge/templates/tunnel.yaml"
    # the template's own `image:` line (the values came through _helpers.tpl includes)
    assert f.span.line == _line_of(repo / "edge/templates/tunnel.yaml", "image:")
    assert f.span.column == 11
    assert f.resource == "Deployment/edge-edge-tunnel"  # release = chart name, fullname helper
    assert "cloudflare/cloudflared:2024.6.1" in f.message


@needs_helm
def test_tunnel_disabled_in_a_policy_values_file_is_clean(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/values-cn.yaml", "tunnel:\n  enabled: false\n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [values-cn.yaml]\n")
    r = _scan(repo)
    assert r.errors == [] and r.findings == []
    assert r.resources == 2  # the web subchart's Deployment and Service were rendered


@needs_helm
def test_chart_example_pair():
    bad = _scan(CHART)
    assert [f.check_id for f in bad.findings] == ["XB702"]
    good = _scan(CHART.parent / "compliant")
    assert good.findings == [] and good.errors == []


@needs_helm
def test_subchart_template_finding_points_into_charts_dir(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/charts/web/values.yaml", "replicaCount: 1\nimage: ghcr.io/tailscale/tailscale:v1.70\n")
    write(repo, "edge/values.yaml", "tunnel:\n  enabled: false\nweb:\n  replicaCount: 1\n")
    r = _scan(repo)
    [f] = r.findings
    assert f.check_id == "XB702"
    assert f.span.file == "edge/charts/web/templates/deployment.yaml"
    assert f.span.line == _line_of(repo / "edge/charts/web/templates/deployment.yaml", "image:")


@needs_helm
def test_hong_kong_cluster_by_policy_is_clean(tmp_path):
    """The policy locates the manifests (kubernetes.paths) for rendered objects too: a Hong Kong
    cluster reaching Cloudflare does not cross the mainland border."""
    repo = _repo(tmp_path)
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  region: ap-east-1\n")
    r = _scan(repo)
    assert r.findings == [] and r.errors == []


@needs_helm
def test_missing_dependency_is_one_warning_at_its_line(tmp_path):
    repo = _repo(tmp_path)
    chart_yaml = repo / "edge/Chart.yaml"
    chart_yaml.write_text(chart_yaml.read_text() + "  - name: proxy\n    version: 1.0.0\n"
                          "    repository: https://charts.example.com\n")
    r = _scan(repo)
    assert r.errors == []
    warnings = [f for f in r.findings if f.check_id == "XB790"]
    [w] = warnings
    assert w.span.file == "edge/Chart.yaml" and w.span.line == _line_of(chart_yaml, "name: proxy")
    assert "proxy" in w.message and "never downloads" in w.message
    assert any(f.check_id == "XB702" for f in r.findings)  # the rest is still rendered


@needs_helm
def test_broken_template_is_a_warning_not_an_error(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/templates/broken.yaml", "kind: ConfigMap\nname: {{ .Values.nope.deeper }\n")
    r = _scan(repo)
    assert r.errors == []
    [w] = [f for f in r.findings if f.check_id == "XB790"]
    assert w.span.file == "edge/Chart.yaml" and "not rendered" in w.message
    assert "helm" in w.fix and "yaml_body" not in w.fix  # the fix for charts, not manifests


_NOT_YAML_BY_DEFAULT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.extraName | default "bad: name" }}
spec:
  selector: {matchLabels: {app: extra}}
  template:
    metadata: {labels: {app: extra}}
    spec:
      containers:
        - name: tunnel
          image: cloudflare/cloudflared:2024.6.1
"""


@needs_helm
def test_template_output_not_yaml_with_the_defaults_is_a_warning_at_its_line(tmp_path, capsys):
    """Seen in aws-ia/terraform-aws-eks-blueprints (patterns/bottlerocket): a chart whose
    defaults render `values:` followed by `[]` at the same indentation, valid only with the
    values its helm_release passes. It is a chart exitlint could not read, not a broken file:
    an XB790 warning at the template line (exit by findings, never 2), and the chart's other
    templates are still checked."""
    repo = _repo(tmp_path)
    write(repo, "edge/templates/extra.yaml", _NOT_YAML_BY_DEFAULT)
    r = _scan(repo)
    assert r.errors == []
    [w] = [f for f in r.findings if f.check_id == "XB790"]
    assert (w.span.file, w.span.line) == ("edge/templates/extra.yaml", 4)
    assert w.severity.value == "warning" and "not YAML" in w.message
    assert "kubernetes.helm.values" in w.fix
    assert [f.span.file for f in r.findings if f.check_id == "XB702"] == \
        ["edge/templates/tunnel.yaml"]
    code, _, _ = run(capsys, "--quiet", "--no-cache", str(repo))
    assert code == 1  # by its findings (the XB702 error), never 2


@needs_helm
def test_template_output_read_with_the_values_the_policy_names(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/templates/extra.yaml", _NOT_YAML_BY_DEFAULT)
    write(repo, "edge/values-cn.yaml", "extraName: extra\n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [values-cn.yaml]\n")
    r = _scan(repo)
    assert r.errors == [] and not [f for f in r.findings if f.check_id == "XB790"]
    assert sorted(f.span.file for f in r.findings if f.check_id == "XB702") == \
        ["edge/templates/extra.yaml", "edge/templates/tunnel.yaml"]


@needs_helm
def test_rendering_is_bounded_in_time(tmp_path, monkeypatch):
    monkeypatch.setattr(helm, "RENDER_TIMEOUT", 0.001)
    r = _scan(_repo(tmp_path))
    assert r.errors == []
    [w] = r.findings
    assert w.check_id == "XB790" and "longer than" in w.message


@needs_helm
def test_rendered_output_is_bounded_in_size(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/templates/big.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
          "  name: big\ndata:\n{{- range $i := until 3000 }}\n  k{{ $i }}: "
          "\"{{ repeat 100 \"x\" }}\"\n{{- end }}\n")
    r = _scan(repo, max_file_size=20_000)
    [w] = [f for f in r.findings if f.check_id == "XB790"]
    assert "limit" in w.message


@needs_helm
def test_values_files_and_helpers_are_never_unreadable_manifests(tmp_path):
    repo = _repo(tmp_path)
    # a values file that looks like a broken manifest, and one the policy names that is missing
    write(repo, "edge/values-extra.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [oops\n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [missing.yaml]\n")
    r = _scan(repo)
    assert r.errors == []
    [w] = [f for f in r.findings if f.check_id == "XB790"]
    assert "missing.yaml" in w.message
    assert [f.check_id for f in r.findings if f.check_id != "XB790"] == ["XB702"]


@needs_helm
def test_named_template_renders_its_chart(tmp_path):
    """pre-commit names one template: its chart is rendered and the template's findings shown."""
    repo = _repo(tmp_path)
    template = repo / "edge/templates/tunnel.yaml"
    r = scan(ScanOptions(paths=[template], base=repo))
    assert r.errors == []
    assert [(f.check_id, f.span.file) for f in r.findings] == [("XB702",
                                                                "edge/templates/tunnel.yaml")]


@needs_helm
def test_named_helpers_render_their_chart_and_report_its_findings(tmp_path):
    """A commit that changes only `_helpers.tpl` (the hook passes .tpl files) changes what the
    chart deploys: its chart is rendered and the chart's findings are shown."""
    repo = _repo(tmp_path)
    helpers = repo / "edge/templates/_helpers.tpl"
    r = scan(ScanOptions(paths=[helpers], base=repo))
    assert r.errors == []
    assert [(f.check_id, f.span.file) for f in r.findings] == [("XB702",
                                                                "edge/templates/tunnel.yaml")]
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "|tpl)$" in hook  # pre-commit passes staged helpers to the hook at all


def test_a_tpl_file_is_only_read_when_named(tmp_path):
    """Walking a directory never reads .tpl files on their own (charts are found by Chart.yaml)."""
    write(tmp_path, "x/_helpers.tpl", "{{- define \"x\" -}}x{{- end -}}\n")
    (tmp_path / ".git").mkdir()
    r = scan(ScanOptions(paths=[tmp_path], base=tmp_path))
    assert r.files == 0 and r.findings == [] and r.errors == []


# -- without the renderer ------------------------------------------------------------------------
def test_without_renderer_one_warning_per_chart_and_exit_by_findings(tmp_path, monkeypatch,
                                                                    capsys):
    monkeypatch.setenv(helm.HELM_ENV, "off")
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "other")
    write(repo, "plain.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                              "spec: {ports: [{port: 80}]}\n")
    r = _scan(repo)
    assert r.errors == []
    assert sorted((f.check_id, f.severity.value, f.span.file, f.span.line) for f in r.findings) \
        == [("XB790", "warning", "edge/Chart.yaml", 1), ("XB790", "warning", "other/Chart.yaml", 1)]
    for f in r.findings:
        assert "pip install 'exitlint[helm]'" in f.message and "helm template" in f.message
    code, out, _ = run(capsys, str(repo))
    assert code == 0, out  # warnings only: never 2
    code, out, _ = run(capsys, str(repo), "--fail-on", "warning")
    assert code == 1


def test_renderer_missing_when_import_fails(monkeypatch):
    monkeypatch.delenv(helm.HELM_ENV, raising=False)
    monkeypatch.setattr(helm.importlib.util, "find_spec", lambda name: None)
    assert helm.renderer_available() is False


# -- standard input ------------------------------------------------------------------------------
STREAM = """\
---
# Source: edge/templates/tunnel.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-edge-tunnel
spec:
  template:
    spec:
      containers:
        - name: cloudflared
          image: "cloudflare/cloudflared:2024.6.1"
          args: ["tunnel", "--no-autoupdate", "run", "--token", "$(TUNNEL_TOKEN)"]
---
# Source: edge/charts/web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginxinc/nginx-unprivileged:1.27
"""


def test_stdin_stream_findings_name_the_source_template(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no chart here: the Source path is all there is
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(STREAM))
    code, out, _ = run(capsys, "-", "--format", "json")
    import json
    report = json.loads(out)
    [f] = report["findings"]
    assert f["check_id"] == "XB702" and f["file"] == "edge/templates/tunnel.yaml"
    assert f["line"] == 11  # counted from the `# Source:` line
    assert code == 1


def test_stdin_stream_lands_on_the_real_template(tmp_path, monkeypatch, capsys):
    _repo(tmp_path, name="charts-dir")  # directory name differs from the chart name `edge`
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(STREAM))
    _, out, _ = run(capsys, "-", "--format", "json")
    import json
    [f] = json.loads(out)["findings"]
    template = tmp_path / "charts-dir/templates/tunnel.yaml"
    assert f["file"] == "charts-dir/templates/tunnel.yaml"
    assert f["line"] == _line_of(template, "image:")


# -- line alignment ------------------------------------------------------------------------------
def test_align_follows_keys_and_loops():
    source = textwrap.dedent("""\
        {{- range .Values.peers }}
        - name: {{ .name }}
          endpoint: {{ .endpoint }}
        {{- end }}
        other: {{ include "x" . | nindent 2 }}
        """)
    rendered = "- name: a\n  endpoint: 1.2.3.4\n- name: b\n  endpoint: 5.6.7.8\nother:\n  x: 1\n"
    lines, cols = align(rendered, source)
    assert lines == [2, 3, 2, 3, 5, 5]  # loop lines map back; helper output to its include
    assert cols[3] == 3


def test_split_sources_cuts_at_source_comments():
    pieces = split_sources("kind: A\n---\n# Source: c/templates/a.yaml\nkind: B\n")
    assert [(p[0], p[2]) for p in pieces] == [(None, 1), ("c/templates/a.yaml", 3)]
    assert split_sources("kind: A\n") == [(None, "kind: A\n", 1)]


# -- where the value came from -------------------------------------------------------------------
@needs_helm
def test_finding_names_the_values_lines_that_supplied_it(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/values-prod.yaml", "tunnel:\n  image:\n    tag: '2025.1.0'\n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [values-prod.yaml]\n")
    [f] = _scan(repo).findings
    values = repo / "edge/values.yaml"
    assert [(o.file, o.line, o.what) for o in f.related] == [
        ("edge/values.yaml", _line_of(values, "repository:"), "values tunnel.image.repository"),
        ("edge/values-prod.yaml", 3, "values tunnel.image.tag"),  # the policy's file wins
    ]
    assert "2025.1.0" in f.message


@needs_helm
def test_subchart_values_overridden_by_the_parent(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/values.yaml", "tunnel:\n  enabled: false\nweb:\n  image: tailscale/tailscale\n")
    [f] = _scan(repo).findings
    assert f.span.file == "edge/charts/web/templates/deployment.yaml"
    assert [(o.file, o.line) for o in f.related] == [("edge/values.yaml", 4)]


@needs_helm
def test_pre_commit_on_a_values_file_reports_the_template_finding(tmp_path, capsys):
    repo = _repo(tmp_path)
    code, out, _ = run(capsys, "--pre-commit", str(repo / "edge/values.yaml"))
    # paths shown from the named file's directory
    assert code == 1 and "\ntemplates/tunnel.yaml:20:11: XB702" in "\n" + out
    assert "via values.yaml:6: values tunnel.image.repository" in out


@needs_helm
def test_policy_values_outside_the_repository_are_not_read(tmp_path):
    (tmp_path / "repo").mkdir()
    repo = _repo(tmp_path / "repo")
    write(tmp_path, "secret.yaml", "tunnel:\n  enabled: false\n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [../../secret.yaml]\n")
    r = _scan(repo)
    got = sorted((f.check_id, f.span.file) for f in r.findings)
    assert got == [("XB702", "edge/templates/tunnel.yaml"), ("XB790", "edge/Chart.yaml")]
    assert "outside the repository" in next(f.message for f in r.findings if f.check_id == "XB790")


@needs_helm
def test_values_with_dates_and_numbers_render(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "edge/values-prod.yaml", "since: 2024-01-01\ntunnel:\n  replicas: 3\n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [values-prod.yaml]\n")
    assert [f.check_id for f in _scan(repo).findings] == ["XB702"]
