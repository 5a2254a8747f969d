"""Scan Kubernetes manifests: YAML/JSON files and standard input (issue 4).

read → parse (with line numbers) → objects (List items included) → where the cluster is, pod
facts, suppressions → the engine's pipeline (subjects judged by the checks' targets).
Files that are not Kubernetes manifests are skipped without a word. Helm charts, Kustomize
overlays and GitOps releases are rendered first (render.py), and findings in rendered output are
moved back to the files it came from (rendered.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from .. import data_files, lazy_re
from ..cuts import Cut, LimitHit
from ..model import End, Finding, ScanError
from ..parallel import map_units
from ..records import dataclass
from ..resources import checks_dir
from ..subject import FrontEndContext, PartResult
from ..suppressions import Suppression
from . import helm_pool
from .gitops import GITOPS_KINDS
from .location import ASSUMED_NOTE, Locator
from .objects import ConfigIndex, K8sObject, config_source, objects_in, pod_spec
from .pods import PodFacts, pod_containers
from .render import gitops_inputs, prepare, stdin_sources
from .render_cache import RenderInputs
from .rendered import Rendered, internal_name, remap
from .suppress import annotation_suppressions, comment_suppressions, comments_for
from .yaml_positions import Document, LoadError, parse_json, parse_yaml

STDIN_NAME = "-"
_SNIFF = 65536
_K8S = re.compile(r"""(?m)(?:^|[{,])\s*["']?apiVersion["']?\s*:""")
_KIND = re.compile(r"""(?m)["']?kind["']?\s*:""")
HELM_MESSAGE = ("this is a raw Helm template ({{ ... }}), not a manifest: render it first "
                "(helm template . | exitlint -) and scan the output")


@dataclass
class _Input:
    path: Path | None
    file: str
    objects: list[K8sObject] = field(default_factory=list)
    comments: list[Suppression] = field(default_factory=list)


def _looks_like_manifest(text: str) -> bool:
    return "apiVersion" in text and "kind" in text and bool(_K8S.search(text)) and \
        bool(_KIND.search(text))


# Kinds no check reads (checks/inert-kinds.yaml, by API group): their documents are blanked
# before parsing (line numbers of the rest are unchanged). A kind the catalogue targets, a
# config source and the GitOps kinds are always parsed.
ALWAYS_READ = frozenset({"ConfigMap", "Secret", "HelmRepository", "OCIRepository",
                         "GitRepository"}) | GITOPS_KINDS
_DOC_START = lazy_re.compile(r"(?m)^---")
_TOP_KIND = lazy_re.compile(r"""(?m)^kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(?:#.*)?$""")
_TOP_API = lazy_re.compile(r"""(?m)^apiVersion:[ \t]*["']?([^\s"'#]+)["']?[ \t]*(?:#.*)?$""")

Inert = dict[str, frozenset[str]]  # API group -> kinds


@functools.cache
def _inert_data() -> Inert:
    raw = data_files.load_file(checks_dir() / "inert-kinds.yaml")
    groups = raw.get("inert") if isinstance(raw, dict) else None
    return {str(g): frozenset(str(k) for k in kinds)
            for g, kinds in (groups or {}).items() if isinstance(kinds, list)}


def inert_kinds(reads: Callable[[str], bool]) -> Inert:
    """The kinds skipped before parsing: the data's, less any kind a check reads (`reads`)."""
    out = {g: frozenset(k for k in kinds if k not in ALWAYS_READ and not reads(k))
           for g, kinds in _inert_data().items()}
    return {g: kinds for g, kinds in out.items() if kinds}


def _blank_inert(text: str, inert: Inert) -> str:
    """The text with every document of an inert kind replaced by as many empty lines."""
    if not inert or not any(k in text for kinds in inert.values() for k in kinds):
        return text
    starts = [0] + [m.start() for m in _DOC_START.finditer(text)]
    out: list[str] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        doc = text[start:end]
        kinds = _TOP_KIND.findall(doc)
        apis = _TOP_API.findall(doc) if len(kinds) == 1 else []
        # exactly one top-level kind and apiVersion, inert in that group (anchors never reach
        # across documents)
        if len(apis) == 1 and kinds[0] in inert.get(apis[0].rpartition("/")[0], ()):
            first_nl = doc.find("\n")
            head = doc[: first_nl + 1] if doc.startswith("---") and first_nl >= 0 else ""
            out.append(head + "\n" * (doc.count("\n") - head.count("\n")))
        else:
            out.append(doc)
    return "".join(out)


def _in_chart(path: Path | None) -> bool:
    if path is None:
        return False
    for parent in list(path.parents)[:6]:
        if parent.name == "templates" and (parent.parent / "Chart.yaml").is_file():
            return True
    return False


def _helm_error(file: str, text: str) -> ScanError:
    pos = text.find("{{")
    line = text.count("\n", 0, pos) + 1 if pos >= 0 else 1
    col = pos - text.rfind("\n", 0, pos) if pos >= 0 else 1
    return ScanError(file, line, col, HELM_MESSAGE)


def _read(path: Path, file: str, limit: int) -> tuple[str | None, ScanError | None]:
    """The text of a candidate file; (None, None) when it is not a manifest (skipped silently)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            data = fh.read(min(size, limit) + 1 if size > limit else size + 1)
    except OSError as exc:
        return None, ScanError(file, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    head = data[:_SNIFF]
    if b"\x00" in data[:8192]:
        return None, None
    if size > limit:
        if b"apiVersion" in head and b"kind" in head:
            return None, ScanError(file, 1, 1, f"file is larger than the {limit:,}-byte limit; "
                                   "not scanned")
        return None, None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"apiVersion" in data and b"kind" in data:
            line = data.count(b"\n", 0, exc.start) + 1
            return None, ScanError(file, line, 1, "file is not valid UTF-8; not scanned")
        return None, None
    return text, None


def _parse(text: str, file: str, path: Path | None, inert: Inert
           ) -> tuple[list[Document], ScanError | None]:
    if not _looks_like_manifest(text):
        return [], None
    templated = "{{" in text
    if templated and _in_chart(path):
        return [], _helm_error(file, text)
    is_json = (path is not None and path.suffix == ".json") or \
        (path is None and text.lstrip().startswith(("{", "[")))
    try:
        return (parse_json(text) if is_json else parse_yaml(_blank_inert(text, inert))), None
    except LoadError as exc:
        if templated and not is_json:
            return [], _helm_error(file, text)
        return [], ScanError(file, exc.line, exc.column, exc.message)


def scan_manifests(files: list[Path], stdin_text: str | None,
                   ctx: FrontEndContext, renders: RenderInputs | None = None,
                   jobs: int = 1) -> PartResult:
    """`renders` observes what the renders read and keeps renderer output between scans
    (render_cache.py); without it, everything is rendered afresh. With many files, their YAML
    is parsed in up to `jobs` worker processes."""
    renders = renders if renders is not None else RenderInputs()
    inert = inert_kinds(ctx.pipeline.reads)
    result = PartResult()
    inputs: list[_Input] = []
    notes: set[str] = set()
    sources: list[tuple[Path | None, str, str | None, ScanError | None]] = []
    # charts and overlays rendered (render.py); rendered text is read under internal names
    # and its findings moved back to the source files at the end
    prepared = prepare(files, ctx, renders)
    by_name: dict[str, Rendered] = {}
    for one in prepared.plain:
        shown = ctx.display(one)
        content, problem = _read(one, shown, ctx.max_file_size)
        sources.append((one, shown, content, problem))
    if stdin_text is not None:
        streamed = stdin_sources(stdin_text.removeprefix("\ufeff"))
        if streamed is None:
            sources.append((None, STDIN_NAME, stdin_text.removeprefix("\ufeff"), None))
        else:
            prepared.rendered += streamed
    sources += _named(prepared.rendered, by_name)
    _read_sources(sources, inputs, notes, result, by_name,
                  parse_all(sources, by_name, inert, jobs), prepared.warnings)
    try:
        extra, warnings = gitops_inputs(((i.path, o) for i in inputs for o in i.objects), ctx,
                                        files, renders)
    finally:
        helm_pool.close()  # every chart is rendered by now: end the kept renderer processes
    more = _named(extra, by_name)
    _read_sources(more, inputs, notes, result, by_name, parse_all(more, by_name, inert, 1),
                  prepared.warnings)
    prepared.warnings += warnings
    configs = ConfigIndex()
    for inp in inputs:
        for obj in inp.objects:
            src = config_source(obj)
            if src is not None:
                configs.add(src)
    locator = Locator(ctx.policy, ctx.catalogue)
    scanned: list[K8sObject] = []
    loose: list[tuple[str, Suppression]] = []
    for inp in inputs:
        policy_end = locator.from_policy(inp.path)
        specs = {id(o): pod_spec(o) for o in inp.objects}
        hints = {id(o): locator.hint(specs[id(o)]) for o in inp.objects}
        file_hint = _file_hint([h for h in hints.values() if h is not None])
        for obj in inp.objects:
            result.resources += 1
            obj.where = policy_end or hints[id(obj)] or file_hint or locator.fallback()
            spec = specs[id(obj)]
            if spec is not None:
                obj.facts = PodFacts(spec, pod_containers(obj, spec, configs))
            annotations = annotation_suppressions(obj)
            obj.attached = tuple(annotations + comments_for(obj, inp.comments))
            obj.scan = scanned  # its peers: an edge object reads the control servers workloads name
            loose += [(inp.file, s) for s in annotations]
            scanned.append(obj)
    # comments attached to no object still get their hygiene findings
    loose += [(inp.file, s) for inp in inputs for s in inp.comments]
    # the engine's one pipeline: targets by kind, API group and pod template, the detectors,
    # severity, approved exits, suppressions and their hygiene, dedupe, order
    # what could not be rendered is judged too (the completeness check's `limit` target)
    judged = ctx.pipeline.judge([*scanned, *prepared.warnings], loose=loose)
    result.findings += remap(judged, by_name)
    result.findings.sort(key=Finding.sort_key)
    if locator.assumed:
        notes.add(ASSUMED_NOTE)
    result.notes = sorted(notes | set(prepared.notes))
    return result


def _named(rendered: list[Rendered], by_name: dict[str, Rendered]
           ) -> list[tuple[Path | None, str, str | None, ScanError | None]]:
    out: list[tuple[Path | None, str, str | None, ScanError | None]] = []
    for r in rendered:
        name = internal_name(r, len(by_name))
        by_name[name] = r
        out.append((r.path, name, r.text, None))
    return out


Source = tuple[Path | None, str, str | None, ScanError | None]  # path, shown, text, read error
Parsed = tuple[list[Document], ScanError | None]

# A pool pays off only for many files and many bytes, and only with several workers: the trees
# come back pickled, and unpickling them in this process costs about half of parsing them (on
# the corpus, 2 workers on 2 cores took 7.6 s where one process took 5.5 s).
PARALLEL_MIN_FILES = 200
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
PARALLEL_MIN_JOBS = 4


def parse_all(sources: list[Source], by_name: dict[str, Rendered], inert: Inert,
              jobs: int) -> list[Parsed]:
    """Each source's documents (or its error), in order; in worker processes when there are
    many (linter/parallel.py: the result is the same whatever `jobs` is)."""

    def one(i: int) -> Parsed:
        path, file, text, error = sources[i]
        if error is not None or text is None:
            return [], error
        return _parse(text, file, None if file in by_name else path, inert)

    def work(chunk: list[int]) -> list[Parsed]:
        return [one(i) for i in chunk]

    def serial() -> list[Parsed]:
        return work(list(range(len(sources))))

    sizes = [len(s[2] or "") for s in sources]
    if jobs < PARALLEL_MIN_JOBS or len(sources) < PARALLEL_MIN_FILES or \
            sum(sizes) < PARALLEL_MIN_BYTES:
        return serial()
    # contiguous chunks of about equal bytes, several per worker (files differ in size)
    target = sum(sizes) / (jobs * 4)
    chunks: list[list[int]] = [[]]
    weight = 0
    for i, size in enumerate(sizes):
        if weight >= target and chunks[-1]:
            chunks.append([])
            weight = 0
        chunks[-1].append(i)
        weight += size
    return map_units(work, chunks, jobs, serial)


def _read_sources(sources: list[Source], inputs: list[_Input], notes: set[str],
                  result: PartResult, by_name: dict[str, Rendered],
                  parsed: list[Parsed], gaps: list[Cut]) -> None:
    for (path, file, text, _), (docs, error) in zip(sources, parsed, strict=True):
        if error is not None:
            result.files += 1
            if file in by_name:  # rendered output that is not YAML: at its source
                r = by_name[file]
                if r.via.startswith("chart "):
                    gaps.append(_unparsable_output(r, error))
                    continue
                error = ScanError(r.file, r.line(error.line), error.column,
                                  f"{error.message} (in the output of {r.via})")
            result.errors.append(error)
            continue
        objs = list(objects_in(docs, file))
        if not objs:
            continue
        result.files += 1
        for doc in docs:
            for line, key in doc.duplicates:
                shown = by_name[file].file if file in by_name else file
                at = by_name[file].line(line) if file in by_name else line
                notes.add(f"{shown}:{at}: duplicate key {key!r}: the API server keeps the last "
                          "value, and so does exitlint")
        inputs.append(_Input(path, file, objs, comment_suppressions(text or "")))


OUTPUT_NOT_YAML = "kubernetes:chart-output-not-yaml"  # the cut kind (check XB790)


def _unparsable_output(r: Rendered, error: ScanError) -> Cut:
    """A chart whose output is not YAML with the values it was rendered with (often its
    defaults: `zone: []` where the release passes a list) is a chart exitlint could not read,
    as Helm could not install it: an XB790 warning at the template line, not a broken file."""
    line = r.line(error.line)
    chart = r.via.removeprefix("chart ")
    return Cut(LimitHit(OUTPUT_NOT_YAML, r.file, line, error.column, line, f"Chart/{chart}",
                        f"{r.via}: the output of this template is not YAML with the values it "
                        f"was rendered with ({error.message}); its objects were not checked "
                        "(Helm refuses such output too)"))


def _file_hint(hints: list[End]) -> End | None:
    """Region hints of the workloads in one file, when they agree, locate its other objects."""
    if hints and len({h.cls for h in hints}) == 1:
        return hints[0]
    return None
