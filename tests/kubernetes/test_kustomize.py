"""Kustomize overlays: rendered with the real `kubectl kustomize`/`kustomize build` (CI installs
kubectl), refused before rendering when they would reach the network or run plugins, scanned as
they are (with one warning) without a renderer; bases judged through their overlays."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from _cases import write
from exitlint.app import ScanOptions, scan
from exitlint.kubernetes import kustomize

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kubernetes" / "XB703-kustomize-overlay"

needs_renderer = pytest.mark.skipif(kustomize.renderer() is None,
                                    reason="neither kustomize nor kubectl is on PATH (CI installs "
                                           "Debian's kubernetes-client)")

FRPC_BASE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: relay
spec:
  template:
    spec:
      containers:
        - name: frpc
          image: fatedier/frpc:v0.58.0
          env:
            - name: FRP_SERVER_ADDR
              value: 18.184.10.10
"""


def _scan(path: Path, **kw):
    return scan(ScanOptions(paths=[path], base=path, **kw))


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    return tmp_path


def _overlay(repo: Path, name: str, extra: str = "", base: str = "../../base") -> Path:
    return write(repo, f"overlays/{name}/kustomization.yaml",
                 f"namespace: {name}\nresources:\n  - {base}\n{extra}")


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


@needs_renderer
def test_overlay_image_rename_and_generator_with_endpoint_abroad(tmp_path):
    repo = _repo(tmp_path)
    shutil.copytree(EXAMPLE / "noncompliant", repo / "prod")
    before = _snapshot(repo)
    r = _scan(repo)
    assert r.errors == []
    [f] = r.findings
    assert (f.check_id, f.severity.value) == ("XB703", "error")
    assert f.resource == "Deployment/edge/site-gateway"
    # the base's container line; the image was renamed by the overlay
    assert f.span.file == "prod/base/deployment.yaml"
    assert "linuxserver/wireguard" in f.message and "18.184.10.10" in f.message
    # the endpoint came from the generated ConfigMap (its generator in the overlay), the image
    # from the overlay's `images:` entry; and the overlay rendered it
    text = (repo / "prod/kustomization.yaml").read_text().splitlines()
    assert [(o.file, text[o.line - 1].strip(), o.what) for o in f.related] == [
        ("prod/kustomization.yaml", "- name: wg-conf",
         "ConfigMap/edge/" + f.related[0].what.split("/")[2].split()[0] + " key wg0.conf"),
        ("prod/kustomization.yaml", "newName: linuxserver/wireguard",
         "kustomization image linuxserver/wireguard"),
        ("prod/kustomization.yaml", text[0].strip(), "rendered by kustomization prod"),
    ]
    assert _snapshot(repo) == before  # the user's files are never written


@needs_renderer
def test_pre_commit_on_an_overlay_reports_what_it_renders(tmp_path, capsys):
    from _cases import run

    repo = _repo(tmp_path)
    shutil.copytree(EXAMPLE / "noncompliant", repo / "prod")
    code, out, _ = run(capsys, "--pre-commit", str(repo / "prod/kustomization.yaml"))
    assert code == 1 and "base/deployment.yaml:17:11: XB703" in out


@needs_renderer
def test_example_pair():
    assert [f.check_id for f in _scan(EXAMPLE / "noncompliant").findings] == ["XB703"]
    good = _scan(EXAMPLE / "compliant")
    assert good.findings == [] and good.errors == []


@needs_renderer
def test_base_is_judged_only_through_its_overlays(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "base/kustomization.yaml", "resources: [deploy.yaml]\n")
    write(repo, "base/deploy.yaml", FRPC_BASE)
    _overlay(repo, "prod")
    _overlay(repo, "staging")
    r = _scan(repo)
    assert r.errors == []
    got = sorted((f.check_id, f.resource, f.span.file) for f in r.findings)
    # one per overlay (each deploys it in its namespace), none from the raw base
    assert got == [("XB703", "Deployment/prod/relay", "base/deploy.yaml"),
                   ("XB703", "Deployment/staging/relay", "base/deploy.yaml")]
    assert {f.span.line for f in r.findings} == {12}  # the FRP_SERVER_ADDR entry, as unrendered


@needs_renderer
def test_base_scanned_on_its_own_is_rendered_as_itself(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "base/kustomization.yaml", "resources: [deploy.yaml]\n")
    write(repo, "base/deploy.yaml", FRPC_BASE)
    _overlay(repo, "prod")
    r = _scan(repo / "base")
    assert [(f.resource, f.span.file) for f in r.findings] == [("Deployment/relay", "deploy.yaml")]


@needs_renderer
@pytest.mark.parametrize("endpoint,expected", [
    ("[2a05:d014:5c0::10]:51820", ["XB703"]),  # IPv6, registered abroad
    ("10.20.0.1:51820", []),  # private: no crossing by itself
    ("139.224.10.10:51820", []),  # registered to CN
])
def test_generator_endpoints(tmp_path, endpoint, expected):
    repo = _repo(tmp_path)
    shutil.copytree(EXAMPLE / "noncompliant", repo / "o")
    conf = repo / "o/wg0.conf"
    conf.write_text(conf.read_text().replace("18.184.10.10:51820", endpoint))
    assert [f.check_id for f in _scan(repo).findings] == expected


@pytest.mark.parametrize("extra,why", [
    ("  - https://github.com/example/deploy//base?ref=v1\n", "remote resource"),
    ("helmCharts:\n  - name: cloudflare-tunnel\n    repo: https://cloudflare.github.io/helm-charts\n",
     "helmCharts"),
    ("generators:\n  - gen.yaml\n", "generators"),
    ("transformers:\n  - fn.yaml\n", "transformers"),
])
def test_network_and_plugins_are_refused_before_rendering(tmp_path, monkeypatch, extra, why):
    repo = _repo(tmp_path)
    write(repo, "base/kustomization.yaml", "resources: [deploy.yaml]\n")
    write(repo, "base/deploy.yaml", FRPC_BASE)
    _overlay(repo, "prod", extra)
    monkeypatch.setattr(kustomize, "renderer", lambda: ["/nonexistent/kustomize", "build"])

    def never(*a, **k):
        raise AssertionError("the renderer must not run")

    monkeypatch.setattr(subprocess, "run", never)
    r = _scan(repo)
    assert r.errors == []
    [w] = [f for f in r.findings if f.check_id == "XB790"]
    assert w.span.file == "overlays/prod/kustomization.yaml" and why in w.message
    assert w.span.line > 1  # at the offending entry
    # the manifests it lists are scanned as they are
    assert [(f.check_id, f.span.file) for f in r.findings if f.check_id != "XB790"] == \
        [("XB703", "base/deploy.yaml")]


def test_refusal_reaches_into_bases(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "base/kustomization.yaml",
          "resources:\n  - deploy.yaml\n  - github.com/example/infra/relay?ref=main\n")
    write(repo, "base/deploy.yaml", FRPC_BASE)
    _overlay(repo, "prod")
    k = kustomize.read(repo / "overlays/prod/kustomization.yaml", repo)
    overlay = kustomize.closure(k, repo, {})
    assert [(p.name, line) for p, line, _ in overlay.problems] == [("kustomization.yaml", 3)]


def test_without_renderer_one_warning_and_plain_manifests(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(kustomize.KUSTOMIZE_ENV, "off")
    repo = _repo(tmp_path)
    write(repo, "base/kustomization.yaml", "resources: [deploy.yaml]\n")
    write(repo, "base/deploy.yaml", FRPC_BASE)
    _overlay(repo, "prod")
    _overlay(repo, "staging")
    r = _scan(repo)
    assert r.errors == []
    got = sorted((f.check_id, f.severity.value, f.span.file) for f in r.findings)
    assert got == [("XB703", "error", "base/deploy.yaml"),
                   ("XB790", "warning", "overlays/prod/kustomization.yaml"),
                   ("XB790", "warning", "overlays/staging/kustomization.yaml")]
    assert all("PATH" in f.message for f in r.findings if f.check_id == "XB790")


@needs_renderer
def test_render_failure_is_a_warning(tmp_path):
    repo = _repo(tmp_path)
    write(repo, "base/kustomization.yaml", "resources: [deploy.yaml]\n")
    write(repo, "base/deploy.yaml", FRPC_BASE)
    _overlay(repo, "prod", "patches:\n  - path: missing-patch.yaml\n")
    r = _scan(repo)
    assert r.errors == []
    [w] = [f for f in r.findings if f.check_id == "XB790"]
    assert "renderer failed" in w.message
    # the renderer's own message names files as the report does, never by absolute path
    assert str(repo) not in w.message and "missing-patch.yaml" in w.message, w.message


@needs_renderer
def test_renderer_runs_without_network(tmp_path, monkeypatch):
    """The renderer gets proxies that lead nowhere and no git prompts."""
    seen = {}
    real = subprocess.run

    def spy(cmd, **kw):
        seen.update(kw["env"])
        return real(cmd, **kw)

    monkeypatch.setattr(subprocess, "run", spy)
    repo = _repo(tmp_path)
    shutil.copytree(EXAMPLE / "compliant", repo / "o")
    assert _scan(repo).findings == []
    assert seen["HTTPS_PROXY"].startswith("http://127.0.0.1:") and seen["GIT_TERMINAL_PROMPT"] == "0"


@needs_renderer
def test_file_beside_the_overlay_directory_renders(tmp_path):
    """`resources: [../app.yaml]` (a file outside the overlay's own directory, in the
    repository) renders as users render it (`--load-restrictor LoadRestrictionsNone`)."""
    repo = _repo(tmp_path)
    write(repo, "apps/relay.yaml", FRPC_BASE)
    write(repo, "apps/prod/kustomization.yaml", "namespace: prod\nresources: [../relay.yaml]\n")
    r = _scan(repo)
    assert r.errors == []
    assert [(f.check_id, f.resource, f.span.file) for f in r.findings] == \
        [("XB703", "Deployment/prod/relay", "apps/relay.yaml")]


def test_paths_outside_the_repository_are_refused(tmp_path):
    (tmp_path / "repo").mkdir()
    repo = _repo(tmp_path / "repo")
    write(tmp_path, "outside/patch.yaml", "kind: Deployment\n")
    write(repo, "o/kustomization.yaml", "resources: [d.yaml]\npatches:\n"
                                        "  - path: ../../outside/patch.yaml\n")
    k = kustomize.read(repo / "o/kustomization.yaml", repo.resolve())
    assert [(line, why) for line, why in k.problems] == \
        [(3, "'../../outside/patch.yaml' is outside the repository")]
