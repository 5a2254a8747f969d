"""Helm charts: found by their `Chart.yaml`, rendered offline with Helm's own engine.

The engine is helm-python-sdk (`pip install 'exitlint[helm]'`), run in a child process
(`helm_worker.py`) so that a chart can never hang or exhaust the scan: the child is killed after
`RENDER_TIMEOUT` seconds per chart and its output is bounded; a child that answered is kept for
the next chart (`helm_pool.py`). Values: the chart's `values.yaml`, then the
files the policy names for the chart (`kubernetes.helm.values`), merged in order. Subcharts are
read from `charts/` only; nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .. import data_files, lazy_re
from ..model import Origin
from ..policy import Policy
from ..records import dataclass
from . import helm_pool
from .render_cache import TREE, RenderInputs
from .rendered import Rendered, align
from .yaml_positions import LoadError, YMap, parse_yaml

if TYPE_CHECKING:
    import subprocess

HELM_ENV = "EXITLINT_HELM"  # "off": behave as if helm-python-sdk were not installed
RENDER_TIMEOUT = 60.0  # seconds per chart
HOW = ("install the renderer with `pip install 'exitlint[helm]'`, or render the chart yourself: "
       "`helm template {dir} | exitlint -`")
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json")
_VALUES_REF = lazy_re.compile(r"\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_-]*)+)")


def renderer_available() -> bool:
    if os.environ.get(HELM_ENV, "").lower() in ("off", "0", "no", "false"):
        return False
    return importlib.util.find_spec("helm_python") is not None


@dataclass
class ChartResult:
    """What rendering one chart gave: rendered templates, or the reason it was not rendered,
    and warnings (a missing dependency) at lines of its Chart.yaml."""

    chart: Path
    rendered: list[Rendered] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (Chart.yaml line, message)


def chart_dirs(files: Iterable[Path], depth: int = 8) -> list[Path]:
    """The charts `files` belong to: directories holding a `Chart.yaml` among them, and the
    chart above any file (a template named alone on the command line)."""
    found: set[Path] = set()
    known: dict[Path, bool] = {}
    for f in files:
        if f.name == "Chart.yaml":
            found.add(f.parent)
            continue
        for parent in list(f.parents)[:depth]:
            if parent not in known:
                known[parent] = (parent / "Chart.yaml").is_file()
            if known[parent]:
                found.add(parent)
                break
    return sorted(found, key=lambda p: p.parts)


def top_charts(charts: list[Path]) -> list[Path]:
    """Charts that are not the subchart of another chart found (those render with it)."""
    found = set(charts)
    out = []
    for c in charts:
        parents = c.parents
        if any(p.name == "charts" and p.parent in found for p in parents):
            continue
        out.append(c)
    return out


def owner(path: Path, charts: set[Path]) -> Path | None:
    """The chart whose directory holds `path` (nearest), if any."""
    for parent in path.parents:
        if parent in charts:
            return parent
    return None


def values_files(chart: Path, policy: Policy) -> list[Path]:
    """Values files the policy names for `chart` (keys relative to the policy's directory)."""
    base = policy.path.parent if policy.path is not None else Path.cwd()
    out: list[Path] = []
    for key, names in policy.helm_values.items():
        if (base / key).resolve() == chart.resolve():
            out += [chart / n for n in names]
    return out


def merge(into: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Helm's coalescing of one values file over another: maps merge, anything else replaces."""
    out = dict(into)
    for k, v in extra.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


def metadata(chart: Path) -> tuple[dict[str, Any], str]:
    try:
        text = (chart / "Chart.yaml").read_text(encoding="utf-8-sig")
        meta = data_files.load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}, ""
    return (meta if isinstance(meta, dict) else {}), text


def _line_of(text: str, needle: str) -> int:
    m = re.search(r"(?m)^\s*-?\s*name:\s*[\"']?" + re.escape(needle) + r"[\"']?\s*$", text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


@dataclass
class HelmAnswer:
    """What the renderer process answered for one chart (kept between scans, render_cache)."""

    manifests: dict[str, str] = field(default_factory=dict)  # template key -> rendered text
    dependencies: list[str] = field(default_factory=list)  # subcharts Helm loaded
    error: str = ""  # Helm's own error: a fact about the chart and values, kept like output
    failure: str = ""  # no answer (time limit, crash): never kept


def _run_worker(chart: Path, payload: str) -> subprocess.CompletedProcess[str]:
    """One chart rendered by a renderer process, a kept one when there is (helm_pool.py), with
    the chart's own time limit (tests count the calls)."""
    env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               NO_PROXY="", HELM_REPOSITORY_CONFIG=os.devnull)
    argv = [sys.executable, "-m", f"{__package__}.helm_worker", "--serve"]
    return helm_pool.pool().ask(argv, env, payload.encode("utf-8"), RENDER_TIMEOUT)


def _answer(chart: Path, payload: str) -> tuple[HelmAnswer, bool]:
    """The renderer's answer, and whether it may be kept (it came from the chart, not from a
    time limit or a crash)."""
    import subprocess  # charts only: ~4 ms at start-up of every Kubernetes scan

    try:
        proc = _run_worker(chart, payload)
    except subprocess.TimeoutExpired:
        return HelmAnswer(failure=f"Helm took longer than {RENDER_TIMEOUT:g} s"), False
    try:
        answer = json.loads(proc.stdout or "null")
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "error" in answer:
        return HelmAnswer(error=str(answer["error"])), True
    manifests = (answer.get("manifests") or {}) if isinstance(answer, dict) else None
    deps = (answer.get("dependencies") or []) if isinstance(answer, dict) else None
    if not isinstance(manifests, dict) or not isinstance(deps, list) or \
            not all(isinstance(k, str) and isinstance(v, str) for k, v in manifests.items()):
        tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return HelmAnswer(failure=f"the renderer failed ({tail[0][:200]})"), False
    return HelmAnswer(manifests, [str(d) for d in deps]), True


def render_chart(chart: Path, values: dict[str, Any], display: Callable[[Path], str],
                 limit: int, release: str | None = None,
                 extra_files: tuple[Path, ...] = (),
                 inputs: RenderInputs | None = None) -> ChartResult:
    """Render `chart` with `values` over its own; problems instead when it cannot be. The
    renderer's answer is reused when the chart's files, the request and the renderer are
    unchanged (`inputs`, render_cache.py)."""
    result = ChartResult(chart)
    meta, meta_text = metadata(chart)
    name = str(meta.get("name") or chart.name)
    request = {"chart": str(chart), "values": values, "name": release or name,
               "namespace": "default", "limit": limit}
    payload = json.dumps(request, default=str)  # YAML dates and the like, as Helm reads them
    inputs = inputs if inputs is not None else RenderInputs()
    answer = inputs.render("helm", [(TREE, str(chart))], payload, HelmAnswer,
                           lambda: _answer(chart, payload))
    if answer.failure:
        result.problems.append((1, f"chart {name} not rendered: {answer.failure}; its "
                                   "templates were not checked"))
        return result
    if answer.error:
        result.problems.append((1, f"chart {name} not rendered: {answer.error[:300]}; "
                                   "its templates were not checked"))
        return result
    loaded = set(answer.dependencies)
    deps = meta.get("dependencies")
    for dep in deps if isinstance(deps, list) else []:
        if not isinstance(dep, dict) or dep.get("name") in loaded:
            continue
        dep_name = str(dep.get("name"))
        result.problems.append((_line_of(meta_text, dep_name),
                                f"dependency {dep_name} of chart {name} is not in its charts/ "
                                "directory (exitlint never downloads charts): its templates were "
                                "not checked; run `helm dependency build` to vendor it"))
    trees = _ValuesTrees(display)
    for key, text in sorted(answer.manifests.items()):
        if not key.endswith(_TEMPLATE_SUFFIXES) or not text.strip():
            continue
        rel = key.split("/", 1)[1] if "/" in key else key
        template = chart / rel
        try:
            source = template.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            source = ""
        lines, cols = align(text, source)
        chain = rel.split("/")[1:-2:2] if rel.startswith("charts/") else []
        result.rendered.append(Rendered(
            template, display(template), text, lines, cols, via=f"chart {name}",
            origins=value_origins(source, chart, chain, extra_files, trees)))
    return result


class _ValuesTrees:
    """Values files parsed with positions, once per chart render."""

    def __init__(self, display: Callable[[Path], str]) -> None:
        self.display = display
        self._trees: dict[Path, YMap | None] = {}

    def line_of(self, file: Path, path: list[str]) -> int | None:
        if file not in self._trees:
            try:
                docs = parse_yaml(file.read_text(encoding="utf-8-sig"))
                root = docs[0].value if docs else None
            except (OSError, UnicodeDecodeError, LoadError):
                root = None
            self._trees[file] = root if isinstance(root, YMap) else None
        node: Any = self._trees[file]
        line = None
        for key in path:
            if not isinstance(node, YMap) or key not in node:
                return None
            line = node.line_of(key)
            node = node[key]
        return line


def value_origins(source: str, chart: Path, chain: list[str], extra: tuple[Path, ...],
                  trees: _ValuesTrees) -> dict[int, tuple[Origin, ...]]:
    """Template line -> the values entries its `.Values.x.y` references read, from the file
    that wins: values files named for the release or in the policy, then each chart's
    values.yaml from the top chart down to the template's own (subchart values sit under the
    subchart's name in its parents)."""
    sources: list[tuple[Path, list[str]]] = [(f, list(chain)) for f in extra]
    directory = chart
    for depth in range(len(chain) + 1):
        sources.append((directory / "values.yaml", list(chain[depth:])))
        if depth < len(chain):
            directory = directory / "charts" / chain[depth]
    out: dict[int, tuple[Origin, ...]] = {}
    for number, text in enumerate(source.splitlines(), 1):
        found: list[Origin] = []
        for m in _VALUES_REF.finditer(text):
            path = m.group(1).strip(".").split(".")
            for file, prefix in sources:
                line = trees.line_of(file, prefix + path)
                if line is not None:
                    found.append(Origin(trees.display(file), line,
                                        f"values {'.'.join(prefix + path)}"))
                    break
        if found:
            out[number] = tuple(dict.fromkeys(found))
    return out


def load_values(files: list[Path], repo: Path | None = None) -> tuple[dict[str, Any], list[str]]:
    """The values files merged in order, and a message for each that cannot be used (one
    outside the repository is not read)."""
    merged: dict[str, Any] = {}
    problems: list[str] = []
    for f in files:
        if repo is not None and not f.resolve().is_relative_to(repo):
            problems.append(f"values file {f.name} named in the policy is outside the "
                            "repository; not read")
            continue
        try:
            data = data_files.load(f.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(f"values file {f.name} named in the policy cannot be read "
                            f"({type(exc).__name__})")
            continue
        if isinstance(data, dict):
            merged = merge(merged, data)
    return merged, problems
