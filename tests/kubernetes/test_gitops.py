"""GitOps releases: Flux HelmRelease and Argo CD Application/ApplicationSet. A chart in the
repository is rendered with the release's values; a remote chart is judged against the known
tunnel charts (checks/charts.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _cases import write
from exitlint.app import ScanOptions, scan
from exitlint.kubernetes import helm
from exitlint.known_charts import known_charts
from exitlint.signatures import load_signatures

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kubernetes" / "XB702-gitops-release"
CHART = ROOT / "examples" / "kubernetes" / "XB702-helm-chart" / "noncompliant"

needs_helm = pytest.mark.skipif(not helm.renderer_available(),
                                reason="helm-python-sdk is not installed (pip install '.[helm]')")

FLUX = """\
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: repo, namespace: flux-system}
spec: {url: %(url)s}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: rel
  namespace: apps
spec:
  chart:
    spec:
      chart: %(chart)s
      sourceRef: {kind: HelmRepository, name: repo}
  values:
%(values)s
"""


def _flux(chart: str, url: str = "https://charts.example.com", values: str = "    {}") -> str:
    return FLUX % {"chart": chart, "url": url, "values": values}


def _scan(path: Path, **kw):
    return scan(ScanOptions(paths=[path], base=path, **kw))


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    return tmp_path


def test_every_known_chart_names_catalogued_software():
    index = load_signatures().software
    assert len(known_charts()) >= 10
    for known in known_charts():
        assert index.named(known.software) is not None, known.software
        assert known.charts and known.image


def test_example_pair():
    bad = _scan(EXAMPLE / "noncompliant")
    got = sorted((f.check_id, f.resource, f.span.file, f.span.line) for f in bad.findings)
    assert got == [("XB702", "Application/argocd/tailscale-operator", "argo-tailscale.yaml", 12),
                   ("XB702", "HelmRelease/ingress/edge-tunnel", "flux-cloudflared.yaml", 21)]
    assert bad.errors == []


@needs_helm
def test_compliant_example_renders_the_local_chart_with_its_values():
    good = _scan(EXAMPLE / "compliant")
    assert good.findings == [] and good.errors == []
    assert good.resources == 3  # the Application, and the web Deployment and Service it renders


def test_helm_release_of_cloudflared_chart_by_name(tmp_path):
    write(tmp_path, "r.yaml", _flux("cloudflare-tunnel-remote"))
    [f] = _scan(tmp_path).findings
    assert (f.check_id, f.severity.value, f.resource) == ("XB702", "error", "HelmRelease/apps/rel")
    assert (f.span.line, f.span.column) == (14, 7)  # the chart name
    assert "Cloudflare" in f.message


def test_helm_release_matched_by_repository(tmp_path):
    write(tmp_path, "r.yaml", _flux("operator", "https://pkgs.tailscale.com/helmcharts"))
    assert [f.check_id for f in _scan(tmp_path).findings] == ["XB702"]


def test_unknown_chart_is_nothing(tmp_path):
    write(tmp_path, "r.yaml", _flux("ingress-nginx", "https://kubernetes.github.io/ingress-nginx"))
    assert _scan(tmp_path).findings == []


def test_image_value_identifies_software_and_endpoint_values_are_judged(tmp_path):
    values = ("    image: {repository: linuxserver/wireguard, tag: '1.0'}\n"
              "    endpoint: %s\n")
    write(tmp_path, "abroad.yaml", _flux("wireguard", values=values % "18.184.10.10:51820"))
    [f] = _scan(tmp_path).findings
    assert f.check_id == "XB703" and "18.184.10.10" in f.message
    write(tmp_path, "abroad.yaml", _flux("wireguard", values=values % "114.114.114.114:51820"))
    assert _scan(tmp_path).findings == []


def test_values_image_of_other_software_is_not_the_default(tmp_path):
    """A chart named like a tunnel chart whose values run something else is not that tunnel."""
    write(tmp_path, "r.yaml", _flux("wireguard", values="    image: {repository: nginx}\n"))
    assert _scan(tmp_path).findings == []


def test_tailscale_login_server_decides(tmp_path):
    own = "    loginServer: https://hs.example.cn\n"
    write(tmp_path, ".exitlint.yaml", "version: 1\ndomestic_hosts: ['*.example.cn']\n")
    write(tmp_path, "r.yaml", _flux("tailscale-operator", values=own))
    assert _scan(tmp_path).findings == []


def test_argo_application_remote_chart_and_applicationset(tmp_path):
    write(tmp_path, "a.yaml", """\
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: tunnels, namespace: argocd}
        spec:
          generators: [{list: {elements: [{cluster: a}]}}]
          template:
            metadata: {name: '{{cluster}}-ngrok'}
            spec:
              source:
                repoURL: https://charts.ngrok.com
                chart: ngrok-operator
                targetRevision: 0.16.0
              destination: {server: https://kubernetes.default.svc, namespace: ngrok}
        """)
    [f] = _scan(tmp_path).findings
    assert f.check_id == "XB702" and f.resource == "ApplicationSet/argocd/tunnels"
    assert f.span.line == 11


@needs_helm
@pytest.mark.parametrize("how,expected", [
    ("valuesObject: {tunnel: {enabled: true}}", ["XB702"]),
    ("valuesObject: {tunnel: {enabled: false}}", []),
    ("values: |\n                tunnel:\n                  enabled: false", []),
    ("parameters: [{name: tunnel.enabled, value: 'false'}]", []),
])
def test_argo_local_chart_rendered_with_the_application_values(tmp_path, how, expected):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "charts/edge")
    write(repo, "apps/edge.yaml", f"""\
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {{name: edge, namespace: argocd}}
        spec:
          source:
            repoURL: https://git.example.cn/deploy.git
            path: charts/edge
            helm:
              {how}
          destination: {{namespace: edge}}
        """)
    r = _scan(repo / "apps")  # only the Application is scanned; its chart is read for it
    assert r.errors == []
    # findings land on the chart's template, outside the scanned directory
    assert [(f.check_id, f.span.file) for f in r.findings] == \
        [(c, "../charts/edge/templates/tunnel.yaml") for c in expected]


@needs_helm
def test_flux_local_chart_with_values_from_configmap(tmp_path):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "charts/edge")
    write(repo, "apps/edge.yaml", """\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: edge, namespace: apps}
        spec:
          chart:
            spec:
              chart: ./charts/edge
              sourceRef: {kind: GitRepository, name: flux-system}
          valuesFrom:
            - kind: ConfigMap
              name: edge-values
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: edge-values, namespace: apps}
        data:
          values.yaml: |
            tunnel:
              enabled: false
        """)
    assert _scan(repo / "apps").findings == []
    text = (repo / "apps/edge.yaml").read_text().replace("enabled: false", "enabled: true")
    (repo / "apps/edge.yaml").write_text(text)
    assert [f.check_id for f in _scan(repo / "apps").findings] == ["XB702"]


def test_local_chart_without_renderer_is_a_warning_at_the_release(tmp_path, monkeypatch):
    monkeypatch.setenv(helm.HELM_ENV, "off")
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "charts/edge")
    write(repo, "apps/edge.yaml", """\
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: edge, namespace: argocd}
        spec:
          source: {repoURL: https://git.example.cn/deploy.git, path: charts/edge}
        """)
    [w] = _scan(repo / "apps").findings
    assert (w.check_id, w.severity.value, w.span.file, w.span.line) == \
        ("XB790", "warning", "edge.yaml", 5)
    assert "exitlint[helm]" in w.message


def test_plain_directory_application_is_nothing(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "manifests/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")
    write(repo, "apps/a.yaml", """\
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: a}
        spec:
          source: {repoURL: https://git.example.cn/x.git, path: manifests}
        """)
    assert _scan(repo / "apps").findings == []
