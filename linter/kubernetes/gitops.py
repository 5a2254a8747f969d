"""GitOps releases: Flux `HelmRelease` and Argo CD `Application`/`ApplicationSet`.

A release of a chart that is in the repository is rendered with the release's values (helm.py),
so its findings land on the chart's templates. A release of a remote chart is judged against
the known tunnel and proxy charts (`checks/charts.yaml`): a match becomes a stand-in object of
the release's own kind holding a pod template with the chart's container (the image and the
environment its values set), judged by the workload checks like the Deployment the chart would
create and placed at the release's chart line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from .. import data_files
from ..known_charts import KnownChart, chart_env, identify_chart, set_scalar, set_value
from ..records import dataclass
from .helm import merge
from .objects import K8sObject
from .rendered import Rendered

GITOPS_KINDS = frozenset({"HelmRelease", "Application", "ApplicationSet"})


@dataclass
class Release:
    """What one GitOps object deploys."""

    obj: K8sObject
    name: str
    namespace: str | None
    chart: str  # chart name, OCI reference or path
    repository: str  # repository URL, "" when unknown
    line: int  # where the chart is named
    column: int  # and its column
    values: dict[str, Any] = field(default_factory=dict)
    local: Path | None = None  # the chart directory, when it is in the repository


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _map(node: Any) -> dict[str, Any]:
    return _plain(node) if isinstance(node, dict) else {}


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _get(node: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(k)
    return node


def _line(node: Any, key: str, default: int) -> int:
    line_of = getattr(node, "line_of", None)
    try:
        return int(line_of(key)) if line_of is not None else default
    except (KeyError, TypeError, ValueError):
        return default


def _column(node: Any, key: str) -> int:
    column_of = getattr(node, "column_of", None)
    try:
        return int(column_of(key)) if column_of is not None else 1
    except (KeyError, TypeError, ValueError):
        return 1


def _yaml_map(text: Any) -> dict[str, Any]:
    if not isinstance(text, str):
        return {}
    try:
        data = data_files.load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def releases(objects: Iterable[K8sObject], repo: Path,
             observe: Callable[[Path], None] | None = None) -> list[Release]:
    """What the GitOps objects among `objects` deploy; `observe` is told every `Chart.yaml`
    looked for (a local chart), for the result cache."""
    objs = list(objects)
    repos = {(o.kind, o.name): str(_get(o.obj, "spec", "url") or "") for o in objs
             if o.kind in ("HelmRepository", "OCIRepository", "GitRepository")}
    configs = {(o.kind, o.name): o.obj.get("data") for o in objs
               if o.kind in ("ConfigMap", "Secret")}
    out: list[Release] = []
    for o in objs:
        if o.kind == "HelmRelease" and o.api_version.startswith("helm.toolkit.fluxcd.io"):
            r = _flux(o, repos, configs, repo, observe)
            out += [r] if r is not None else []
        elif o.kind == "Application" and o.api_version.startswith("argoproj.io"):
            out += _argo(o, _get(o.obj, "spec") or {}, repo, observe)
        elif o.kind == "ApplicationSet" and o.api_version.startswith("argoproj.io"):
            out += _argo(o, _get(o.obj, "spec", "template", "spec") or {}, repo, observe)
    return out


def _flux(o: K8sObject, repos: dict[tuple[str, str], str],
          configs: dict[tuple[str, str], Any], repo: Path,
          observe: Callable[[Path], None] | None = None) -> Release | None:
    spec = _get(o.obj, "spec")
    if not isinstance(spec, dict):
        return None
    cspec = _get(spec, "chart", "spec") or {}
    chart = cspec.get("chart") if isinstance(cspec, dict) else None
    ref = (cspec.get("sourceRef") if isinstance(cspec, dict) else None) or spec.get("chartRef")
    ref_kind = str(_get(ref, "kind") or "")
    url = repos.get((ref_kind, str(_get(ref, "name") or "")), "")
    if not isinstance(chart, str):
        if ref_kind != "OCIRepository" or not url:
            return None
        chart, line, column = url, _line(ref, "name", o.line), _column(ref, "name")
    else:
        line, column = _line(cspec, "chart", o.line), _column(cspec, "chart")
    values: dict[str, Any] = {}
    for item in _list(spec.get("valuesFrom")):
        if not isinstance(item, dict):
            continue
        data = configs.get((str(item.get("kind")), str(item.get("name"))))
        text = _get(data, str(item.get("valuesKey") or "values.yaml"))
        if isinstance(text, str) and item.get("kind") == "Secret":
            from ..signatures import decode_base64
            text = decode_base64(text) or ""
        if isinstance(item.get("targetPath"), str) and isinstance(text, str):
            set_value(values, str(item["targetPath"]), text)
        else:
            values = merge(values, _yaml_map(text))
    values = merge(values, _map(spec.get("values")))
    name = str(spec.get("releaseName") or o.name)
    ns = spec.get("targetNamespace") or o.namespace
    local = _local(repo, chart, observe) if ref_kind == "GitRepository" else None
    return Release(o, name, str(ns) if ns else None, chart, url, line, column, values, local)


def _argo(o: K8sObject, spec: Any, repo: Path,
          observe: Callable[[Path], None] | None = None) -> list[Release]:
    if not isinstance(spec, dict):
        return []
    sources = [spec["source"]] if isinstance(spec.get("source"), dict) else []
    sources += [s for s in _list(spec.get("sources")) if isinstance(s, dict)]
    out = []
    for src in sources:
        helm = src.get("helm") if isinstance(src.get("helm"), dict) else {}
        values = _yaml_map(helm.get("values"))
        values = merge(values, _map(helm.get("valuesObject")))
        for p in _list(helm.get("parameters")):
            if isinstance(p, dict) and isinstance(p.get("name"), str):
                set_value(values, p["name"], set_scalar(p.get("value")))
        chart = src.get("chart")
        path = src.get("path")
        local = _local(repo, path, observe) if isinstance(path, str) else None
        if not isinstance(chart, str) and local is None:
            continue
        key = "chart" if isinstance(chart, str) else "path"
        dest = _get(spec, "destination", "namespace")
        out.append(Release(o, str(helm.get("releaseName") or o.name),
                           str(dest) if dest else o.namespace, str(chart or path),
                           str(src.get("repoURL") or ""), _line(src, key, o.line),
                           _column(src, key), values, local))
    return out


def _local(repo: Path, path: Any, observe: Callable[[Path], None] | None = None) -> Path | None:
    if not isinstance(path, str) or "{{" in path or "://" in path:
        return None
    if observe is not None:
        observe(repo / path.lstrip("/") / "Chart.yaml")
    target = (repo / path.lstrip("/")).resolve()
    if target.is_relative_to(repo) and (target / "Chart.yaml").is_file():
        return target
    return None


def identify(r: Release) -> tuple[KnownChart, str] | None:
    """The known chart a remote release deploys, and the image it runs."""
    return identify_chart(r.chart, r.repository, r.values)


def stand_in(r: Release, known: KnownChart, image: str, path: Path) -> Rendered:
    """The release as an object with the chart's pod template, every line at the chart line."""
    env = chart_env(r.values, known)
    chart = r.chart.rstrip("/").rsplit("/", 1)[-1].split(":", 1)[0] or "chart"
    container: dict[str, Any] = {"name": f"chart {chart}", "image": image}
    if env:
        container["env"] = env
    meta: dict[str, Any] = {"name": r.obj.name}
    if r.obj.namespace:
        meta["namespace"] = r.obj.namespace
    doc = {"apiVersion": r.obj.api_version, "kind": r.obj.kind, "metadata": meta,
           "spec": {"template": {"spec": {"containers": [container]}}}}
    text = yaml.safe_dump(doc, sort_keys=False)
    lines = [r.line] * (text.count("\n") + 1)
    return Rendered(path, r.obj.file, text, lines, {r.line: r.column}, via=f"chart {r.chart}")
