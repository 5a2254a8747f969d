"""What the Kubernetes scan reads besides plain manifests: Helm charts and Kustomize overlays
rendered (or one warning each when they cannot be), GitOps releases, `# Source:` streams on
standard input. `prepare` splits the candidate files; `gitops_inputs` runs after parsing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..cuts import Cut, LimitHit
from ..records import dataclass
from . import helm, kustomize, render_cache
from .gitops import GITOPS_KINDS, identify, releases, stand_in
from .objects import K8sObject
from .render_cache import RenderInputs
from .rendered import Rendered, align, split_sources

if TYPE_CHECKING:
    from ..subject import FrontEndContext as InputContext

# What could not be rendered: a subject the completeness check's `limit` target judges
# (checks/kubernetes/XB790*), never a finding built here.
NOT_RENDERED = "kubernetes:not-rendered"
_OUTPUT_FACTOR = 8  # rendered output allowed per chart or overlay, in --max-file-size units
RENDER_WORKERS = min(4, max(2, os.cpu_count() or 1))  # renderer processes at once


@dataclass
class Prepared:
    plain: list[Path]
    rendered: list[Rendered] = field(default_factory=list)
    warnings: list[Cut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=lambda: [0, 0])  # charts, overlays rendered


def _repo(files: list[Path], inputs: RenderInputs | None = None) -> Path:
    """The git work tree of the files (else their common directory): nothing is read above it."""
    start = Path(os.path.abspath(files[0].parent)) if files else Path.cwd()
    common = Path(os.path.commonpath([os.path.abspath(f.parent) for f in files])
                  if files else Path.cwd())
    if inputs is not None:
        inputs.take(render_cache.REPO, json.dumps([str(start), str(common)]))
    return repo_of(start, common)


def repo_of(start: Path, common: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate.resolve()
    return common.resolve()


def warning(ctx: InputContext, file: str, line: int, resource: str, message: str) -> Cut:
    return Cut(LimitHit(NOT_RENDERED, file, line, 1, line, resource, message))


def prepare(files: list[Path], ctx: InputContext, inputs: RenderInputs | None = None
            ) -> Prepared:
    """Charts and overlays among `files` rendered; what the renders read is observed in
    `inputs` (which also keeps renderer output between scans, render_cache.py)."""
    out = Prepared(list(files))
    if not files:
        return out
    inputs = inputs if inputs is not None else RenderInputs()
    repo = _repo(files, inputs)
    limit = ctx.max_file_size * _OUTPUT_FACTOR
    skip: set[Path] = set()
    _charts(files, ctx, out, skip, repo, limit, inputs)
    _kustomizations(files, ctx, out, skip, repo, limit, inputs)
    out.plain = [f for f in files if f not in skip]
    if any(out.counts):
        out.notes.append(f"rendered {out.counts[0]} Helm chart(s) and {out.counts[1]} Kustomize "
                         "overlay(s); findings in their output point at the files it came from")
    return out


def _add(out: Prepared, cut: Cut) -> None:
    out.warnings.append(cut)


def _charts(files: list[Path], ctx: InputContext, out: Prepared, skip: set[Path],
            repo: Path, limit: int, inputs: RenderInputs) -> None:
    charts = helm.chart_dirs(files)
    if not charts:
        return
    found = set(charts)
    skip.update(f for f in files if helm.owner(f, found) is not None)
    inputs.take(render_cache.RENDERER, "helm")
    available = helm.renderer_available()
    tops = helm.top_charts(charts)
    for chart in tops:
        inputs.take(render_cache.FILE, str(chart / "Chart.yaml"))
    if not available:
        for chart in tops:
            _add(out, warning(ctx, ctx.display(chart / "Chart.yaml"), 1, _chart_resource(chart),
                              "Helm chart not rendered, its templates were not checked: "
                              + helm.HOW.format(dir=ctx.display(chart))))
        return

    def one(chart: Path) -> tuple[list[str], helm.ChartResult]:
        named = helm.values_files(chart, ctx.policy)
        for f in named:
            inputs.take(render_cache.FILE, str(f))
        values, problems = helm.load_values(named, repo)
        return problems, helm.render_chart(chart, values, ctx.display, limit,
                                           extra_files=tuple(reversed(named)), inputs=inputs)

    for chart, (problems, result) in zip(tops, _each(one, tops), strict=True):
        shown, resource = ctx.display(chart / "Chart.yaml"), _chart_resource(chart)
        for message in problems:
            _add(out, warning(ctx, shown, 1, resource, message))
        for line, message in result.problems:
            _add(out, warning(ctx, shown, line, resource, message))
        out.rendered += result.rendered
        if result.rendered or not result.problems:
            out.counts[0] += 1


def _chart_resource(chart: Path) -> str:
    return f"Chart/{helm.metadata(chart)[0].get('name') or chart.name}"


_T = TypeVar("_T")
_R = TypeVar("_R")


def _each(fn: Callable[[_T], _R], items: list[_T]) -> list[_R]:
    """`fn` over `items`, a few at a time (each waits on a renderer process), results in order."""
    if len(items) < 2:
        return [fn(i) for i in items]
    from concurrent.futures import ThreadPoolExecutor  # only when there is something to render

    with ThreadPoolExecutor(max_workers=min(RENDER_WORKERS, len(items))) as pool:
        return list(pool.map(fn, items))


def _kustomizations(files: list[Path], ctx: InputContext, out: Prepared, skip: set[Path],
                    repo: Path, limit: int, inputs: RenderInputs) -> None:
    mine = [f for f in files if f.name in kustomize.NAMES and f not in skip]
    if not mine:
        return
    skip.update(mine)  # a kustomization is not a manifest
    inputs.take(render_cache.RENDERER, "kustomize")
    cache: dict[Path, kustomize.Kustomization] = {}
    for f in mine:
        cache[f.parent.resolve()] = kustomize.read(f, repo)
    used = {d for k in cache.values() for d in k.dirs}
    roots = [k for d, k in sorted(cache.items(), key=lambda kv: kv[0].parts)
             if d not in used and not k.component]
    resolved: dict[Path, list[Path]] = {}
    for f in files:
        resolved.setdefault(f.resolve(), []).append(f)
    command = kustomize.renderer()
    todo: list[tuple[kustomize.Kustomization, kustomize.Overlay]] = []
    for k in roots:
        resource = f"Kustomization/{ctx.display(k.dir)}"
        if command is None:
            _add(out, warning(ctx, ctx.display(k.file), 1, resource, "Kustomize overlay not "
                              "rendered (neither `kustomize` nor `kubectl` is on PATH): the "
                              "manifests it lists were scanned as they are, without its patches, "
                              "image changes and generators"))
            continue
        overlay = kustomize.closure(k, repo, cache)
        if overlay.problems:
            file, line, why = overlay.problems[0]
            more = f" (and {len(overlay.problems) - 1} more)" if len(overlay.problems) > 1 else ""
            _add(out, warning(ctx, ctx.display(file), line, resource,
                              f"Kustomize overlay not rendered: {why}{more}; exitlint never "
                              "downloads or runs plugins. The manifests it lists were scanned "
                              "as they are"))
            continue
        todo.append((k, overlay))
    for k in list(cache.values()):  # what decided the overlays, their bases and refusals
        kustomize.observe(k, inputs)
    if command is None or not todo:
        return
    runs = _each(lambda job: kustomize.render(job[1], command, repo, ctx.display, limit,
                                              inputs), todo)
    for (k, overlay), (rendered, error) in zip(todo, runs, strict=True):
        if error is not None:
            _add(out, warning(ctx, ctx.display(k.file), 1, f"Kustomization/{ctx.display(k.dir)}",
                              f"Kustomize overlay not rendered: {error}. The manifests it lists "
                              "were scanned as they are"))
            continue
        out.rendered += rendered
        skip.update(p for f in overlay.files for p in resolved.get(f.resolve(), ()))
        out.counts[1] += 1


def stdin_sources(text: str) -> list[Rendered] | None:
    """A `helm template` stream: one rendered input per `# Source:` template, named by it, or
    by the template file itself when the chart is found under the current directory (then
    findings land on the template's lines)."""
    pieces = split_sources(text)
    if len(pieces) == 1 and pieces[0][0] is None:
        return None
    out = []
    cwd = Path.cwd()
    charts: dict[str, Path] | None = None
    for source, body, start in pieces:
        if source is None:
            lines = [start + i for i in range(body.count("\n") + 1)]
            out.append(Rendered(cwd / "-", "-", body, lines, {}, via="standard input"))
            continue
        if charts is None:
            charts = _charts_below(cwd)
        template = _template_file(cwd, source, charts)
        if template is None:
            lines = list(range(1, body.count("\n") + 2))
            out.append(Rendered(cwd / source, source, body, lines, {}, via="standard input"))
            continue
        try:
            lines, cols = align(body, template.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            lines, cols = list(range(1, body.count("\n") + 2)), {}
        shown = os.path.relpath(template, cwd).replace(os.sep, "/")
        out.append(Rendered(template, shown, body, lines, cols, via="standard input"))
    return out


def _charts_below(cwd: Path) -> dict[str, Path]:
    """Chart name -> directory, for the charts at most two levels below `cwd`."""
    out: dict[str, Path] = {}
    for pattern in ("Chart.yaml", "*/Chart.yaml", "*/*/Chart.yaml"):
        for f in sorted(cwd.glob(pattern)):
            meta, _ = helm.metadata(f.parent)
            out.setdefault(str(meta.get("name") or f.parent.name), f.parent)
    return out


def _template_file(cwd: Path, source: str, charts: dict[str, Path]) -> Path | None:
    """The template a `# Source: chart/templates/x.yaml` path names (`chart` is the chart's
    name, not its directory)."""
    direct = cwd / source
    if direct.is_file():
        return direct
    name, _, rest = source.partition("/")
    chart = charts.get(name)
    if chart is not None and rest and (chart / rest).is_file():
        return chart / rest
    return None


def gitops_inputs(objects: Iterable[tuple[Path | None, K8sObject]], ctx: InputContext,
                  files: list[Path], inputs: RenderInputs | None = None
                  ) -> tuple[list[Rendered], list[Cut]]:
    """Rendered charts and stand-in workloads for the GitOps releases among `objects`."""
    pairs = list(objects)
    if not any(o.kind in GITOPS_KINDS for _, o in pairs):
        return [], []
    inputs = inputs if inputs is not None else RenderInputs()
    repo = _repo(files, inputs)
    paths = {id(o): p for p, o in pairs}
    rendered: list[Rendered] = []
    warnings: list[Cut] = []
    limit = ctx.max_file_size * _OUTPUT_FACTOR
    inputs.take(render_cache.RENDERER, "helm")

    def candidate(chart_yaml: Path) -> None:  # where a release's local chart was looked for
        inputs.take(render_cache.FILE, str(chart_yaml))

    for r in releases([o for _, o in pairs], repo, candidate):
        path = paths.get(id(r.obj)) or Path(r.obj.file)
        if r.local is None:
            known = identify(r)
            if known is not None:
                rendered.append(stand_in(r, known[0], known[1], path))
            continue
        if not helm.renderer_available():
            warnings.append(warning(
                ctx, r.obj.file, r.line, r.obj.resource,
                f"chart {ctx.display(r.local)} of this release not rendered, its templates were "
                "not checked: " + helm.HOW.format(dir=ctx.display(r.local))))
            continue
        result = helm.render_chart(r.local, r.values, ctx.display, limit, release=r.name,
                                   inputs=inputs)
        rendered += result.rendered
        warnings += [warning(ctx, r.obj.file, r.line, r.obj.resource, message)
                     for _, message in result.problems]
    return rendered, warnings
