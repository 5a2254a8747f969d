"""Rendered charts and overlays kept between scans (render_cache.py), and the Kubernetes part of
the result cache with renders in it: an unchanged tree renders nothing again and prints the same
bytes; an edit to anything a renderer reads (a template, a values file, a subchart, a base, even
with the same size and modification time), or another renderer, renders again."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from _cases import run, write
from exitlint.kubernetes import helm, kustomize, render_cache

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "examples" / "kubernetes" / "XB702-helm-chart" / "noncompliant"
OVERLAY = ROOT / "examples" / "kubernetes" / "XB703-kustomize-overlay" / "noncompliant"

needs_helm = pytest.mark.skipif(not helm.renderer_available(),
                                reason="helm-python-sdk is not installed (CI installs it)")
needs_kustomize = pytest.mark.skipif(kustomize.renderer() is None,
                                     reason="neither kustomize nor kubectl is on PATH")


RELAY = """\
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


class Spy:
    """Counts the renderer processes started (and can make them fail)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.helm = 0
        self.kustomize = 0
        self.timeout = False
        real_helm, real_build = helm._run_worker, kustomize._build

        def worker(*a: Any) -> Any:
            self.helm += 1
            if self.timeout:
                raise subprocess.TimeoutExpired("helm", 1)
            return real_helm(*a)

        def build(*a: Any) -> Any:
            self.kustomize += 1
            return real_build(*a)

        monkeypatch.setattr(helm, "_run_worker", worker)
        monkeypatch.setattr(kustomize, "_build", build)

    def calls(self) -> tuple[int, int]:
        out = (self.helm, self.kustomize)
        self.helm = self.kustomize = 0
        return out


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    return Spy(monkeypatch)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    return repo


def _scan(capsys: Any, repo: Path, cache: Path, *extra: str) -> tuple[int, str]:
    code, out, _ = run(capsys, str(repo), "--format", "json", "--cache-dir", str(cache),
                       *extra)
    return code, out


def _same_stat_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length), keeping size and modification time."""
    assert len(old) == len(new)
    st = path.stat()
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


# -- Helm ------------------------------------------------------------------------------------
@needs_helm
def test_unchanged_chart_renders_once_and_prints_the_same_bytes(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    cache = tmp_path / "cache"
    first = _scan(capsys, repo, cache)
    assert spy.calls() == (1, 0) and first[0] == 1 and "XB702" in first[1]
    assert _scan(capsys, repo, cache) == first
    assert spy.calls() == (0, 0)
    uncached = _scan(capsys, repo, cache, "--no-cache")
    assert uncached == first and spy.calls() == (1, 0)


@needs_helm
@pytest.mark.parametrize("rel, old, new", [
    ("edge/templates/tunnel.yaml", "image:", "imagE:"),  # a template
    ("edge/values.yaml", "cloudflare/cloudflared", "cloudflare/cloudflarex"),  # default values
    ("edge/charts/web/values.yaml", "nginx", "nginz"),  # a subchart's file
])
def test_an_edit_with_the_same_size_and_mtime_renders_again(tmp_path, capsys, spy, rel, old,
                                                            new):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    cache = tmp_path / "cache"
    before = _scan(capsys, repo, cache)
    spy.calls()
    _same_stat_edit(repo / rel, old, new)
    after = _scan(capsys, repo, cache)
    assert spy.calls() == (1, 0)
    assert after == _scan(capsys, repo, cache, "--no-cache")  # what a fresh scan prints
    if rel != "edge/charts/web/values.yaml":
        assert after != before


@needs_helm
def test_a_policy_values_file_edit_renders_again(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    write(repo, "edge/values-cn.yaml", "tunnel:\n  enabled: true \n")
    write(repo, ".exitlint.yaml", "version: 1\nkubernetes:\n  helm:\n    values:\n"
                                  "      edge: [values-cn.yaml]\n")
    cache = tmp_path / "cache"
    assert _scan(capsys, repo, cache)[0] == 1
    spy.calls()
    _same_stat_edit(repo / "edge/values-cn.yaml", "true ", "false")
    code, out = _scan(capsys, repo, cache)
    assert spy.calls() == (1, 0)
    assert code == 0 and "XB702" not in out


@needs_helm
def test_the_render_is_reused_when_only_another_manifest_changed(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    write(repo, "plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
    cache = tmp_path / "cache"
    _scan(capsys, repo, cache)
    spy.calls()
    write(repo, "plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
    out = _scan(capsys, repo, cache)
    assert spy.calls() == (0, 0)  # the part was scanned again; the chart's output was kept
    assert out == _scan(capsys, repo, cache, "--no-cache")


@needs_helm
def test_a_renderer_that_did_not_answer_is_not_kept(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    cache = tmp_path / "cache"
    spy.timeout = True
    _, out = _scan(capsys, repo, cache)
    assert "took longer" in out and spy.calls() == (1, 0)
    spy.timeout = False
    _, out = _scan(capsys, repo, cache)
    assert spy.calls() == (1, 0) and "took longer" not in out and "XB702" in out


@needs_helm
def test_the_renderer_going_away_is_seen(tmp_path, capsys, spy, monkeypatch):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    cache = tmp_path / "cache"
    _scan(capsys, repo, cache)
    monkeypatch.setenv(helm.HELM_ENV, "off")
    code, out = _scan(capsys, repo, cache)
    assert "Helm chart not rendered" in out and code == 0 and "XB702\"" not in out


# -- Kustomize -----------------------------------------------------------------------------------
@needs_kustomize
def test_overlay_unchanged_then_a_base_edit(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    shutil.copytree(OVERLAY, repo / "prod")
    cache = tmp_path / "cache"
    first = _scan(capsys, repo, cache)
    assert spy.calls() == (0, 1) and first[0] == 1
    assert _scan(capsys, repo, cache) == first and spy.calls() == (0, 0)
    _same_stat_edit(repo / "prod/base/deployment.yaml", "site-gateway", "site-gatewaz")
    after = _scan(capsys, repo, cache)
    assert spy.calls() == (0, 1) and after != first and "site-gatewaz" in after[1]
    assert after == _scan(capsys, repo, cache, "--no-cache")


@needs_kustomize
def test_a_generator_file_edit_renders_again(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    shutil.copytree(OVERLAY, repo / "prod")
    cache = tmp_path / "cache"
    assert _scan(capsys, repo, cache)[0] == 1
    spy.calls()
    _same_stat_edit(repo / "prod/wg0.conf", "18.184.10.10", "114.114.11.4")
    _, out = _scan(capsys, repo, cache)
    assert spy.calls() == (0, 1) and "18.184.10.10" not in out


@needs_kustomize
def test_a_new_base_file_named_by_the_overlay_is_seen(tmp_path, capsys, spy):
    repo = _repo(tmp_path)
    write(repo, "app/kustomization.yaml", "resources: [extra.yaml]\n")
    cache = tmp_path / "cache"
    code, out = _scan(capsys, repo, cache)
    assert "Kustomize overlay not rendered" in out  # extra.yaml is missing: the renderer fails
    write(repo, "app/extra.yaml", RELAY)
    code, out = _scan(capsys, repo, cache)
    assert "not rendered" not in out and code == 1


@needs_kustomize
def test_the_kustomize_renderer_switched_off_is_seen(tmp_path, capsys, spy, monkeypatch):
    repo = _repo(tmp_path)
    shutil.copytree(OVERLAY, repo / "prod")
    cache = tmp_path / "cache"
    _scan(capsys, repo, cache)
    monkeypatch.setenv(kustomize.KUSTOMIZE_ENV, "off")
    assert "neither `kustomize` nor `kubectl`" in _scan(capsys, repo, cache)[1]


# -- serial, parallel, cached, uncached ----------------------------------------------------------
@needs_helm
@needs_kustomize
def test_outputs_are_identical_whatever_the_mode(tmp_path, capsys, monkeypatch):
    from exitlint.kubernetes import scan as kscan

    for name, value in (("FILES", 10), ("BYTES", 1), ("JOBS", 2)):  # parse in parallel here
        monkeypatch.setattr(kscan, f"PARALLEL_MIN_{name}", value)
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    shutil.copytree(OVERLAY, repo / "prod")
    for i in range(60):
        write(repo, f"many/m{i}.yaml", f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n")
    cache = tmp_path / "cache"
    outs = {_scan(capsys, repo, cache, "--no-cache", "--jobs", "1"),
            _scan(capsys, repo, cache, "--no-cache", "--jobs", "2"),
            _scan(capsys, repo, cache, "--jobs", "1"),
            _scan(capsys, repo, cache, "--jobs", "2"),
            _scan(capsys, repo, cache)}
    assert len(outs) == 1


# -- tokens ------------------------------------------------------------------------------------
def test_tree_token_sees_content_names_and_links(tmp_path):
    d = tmp_path / "chart"
    write(d, "templates/a.yaml", "a: 1\n")
    t0 = render_cache.tree_token(str(d))
    assert render_cache.tree_token(str(d)) == t0
    _same_stat_edit(d / "templates/a.yaml", "1", "2")
    t1 = render_cache.tree_token(str(d))
    assert t1 != t0
    write(d, "templates/.hidden", "")
    assert render_cache.tree_token(str(d)) != t1
    (d / "loop").symlink_to(d)  # a loop is named, never followed twice
    assert render_cache.tree_token(str(d)) not in (t1, render_cache.CONFLICT)
    assert "!missing" in render_cache.tree_token(str(tmp_path / "nope"))


def test_file_token_sees_where_a_link_points(tmp_path):
    write(tmp_path, "a.yaml", "x: 1\n")
    write(tmp_path, "b.yaml", "x: 1\n")
    link = tmp_path / "values.yaml"
    link.symlink_to(tmp_path / "a.yaml")
    before = render_cache.file_token(str(link))
    link.unlink()
    link.symlink_to(tmp_path / "b.yaml")
    assert render_cache.file_token(str(link)) != before
    assert "!missing" in render_cache.file_token(str(tmp_path / "c.yaml"))


@needs_helm
def test_a_chart_edited_while_it_renders_is_not_kept(tmp_path, capsys, monkeypatch):
    repo = _repo(tmp_path)
    shutil.copytree(CHART, repo / "edge")
    cache = tmp_path / "cache"
    calls: list[int] = []
    real = helm._run_worker

    def editing(*a: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:  # saved while the renderer runs, same size and time
            _same_stat_edit(repo / "edge/values.yaml", "cloudflare/cloudflared",
                            "cloudflare/cloudflarex")
        return real(*a)

    monkeypatch.setattr(helm, "_run_worker", editing)
    _scan(capsys, repo, cache)
    out = _scan(capsys, repo, cache)
    assert len(calls) == 2  # neither the render nor the part result was kept
    assert out == _scan(capsys, repo, cache, "--no-cache")
