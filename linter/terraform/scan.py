"""Scan Terraform: find root modules, evaluate each (in parallel when it pays), apply checks,
suppressions and approved exits, and reuse cached results of unchanged modules."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..hcl import ast as A
from ..model import Finding, Origin, ScanError
from ..parallel import map_units
from ..records import dataclass
from ..repositories import Repositories
from ..subject import FrontEndContext, PartResult, Subject, finding_key
from ..suppressions import Suppression, attached, parse_suppression
from .completeness import Cut
from .deployers import deployers
from .files import FileReader, auto_tfvars, tfvars_values
from .instances import MAX_MODULE_DEPTH, Limits, ModuleInstance, Project, ResourceInstance
from .manifests import NOT_READ, expand
from .provenance import input_origins
from .relevance import count_only, file_matters, quiet_roots, type_pattern

if TYPE_CHECKING:
    from ..cache import ResultCache
    from ..data_files import DataFiles

PARALLEL_MIN_DIRS = 50  # module directories; below this a process pool costs more than it saves


def _shortcut() -> bool:
    """Module trees that no check reads are counted, not evaluated (relevance.py);
    EXITLINT_NO_SHORTCUT=1 turns that off, only to show the results are the same either way."""
    return os.environ.get("EXITLINT_NO_SHORTCUT") != "1"


@dataclass
class TerraformJob:
    """Everything a (possibly forked) worker needs to evaluate root modules."""

    ictx: FrontEndContext
    inputs: dict[str, Any]
    allowed_root: Repositories
    max_file_size: int
    # the --var-file entry that set each of `inputs` (a --var has none): where findings came from
    input_origins: dict[str, Origin] = field(default_factory=dict)
    # roots whose module trees hold nothing a check reads, as the bytes tell (relevance.py):
    # counted, not evaluated, unless count_only finds otherwise
    quiet: frozenset[Path] = frozenset()
    relevance: Any = None  # the checked types as one pattern (relevance.type_pattern)
    data: DataFiles | None = None  # bundled data files, parsed through the user's cache


@dataclass
class RootResult:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    resources: int = 0
    # What the result depends on, as observed while reading (terraform/observe.py): None when
    # it must not be cached (something changed while it was read, or late syntax errors whose
    # attribution depends on which root converted a block first).
    observed: dict[tuple[str, str], str] | None = None


# Local module sources, found without parsing: root detection must not cost a parse of every
# file in the parent process (workers parse them). Only module blocks take local paths.
# The pattern starts with its literal (no optional opening quote): the regex engine then skips
# to each "source" instead of trying every byte, 15 times faster on a large repository.
_LOCAL_SOURCE = re.compile(rb'source["\']?\s*[=:]\s*"(\.{1,2}(?:/[^"\\]*)?)"')


_CALLS_READ = 4 * 1024 * 1024  # bytes of a file searched for local module sources


D = TypeVar("D", Path, str)  # a directory as a path, or as a string (the hook's widening)


def module_calls(directory: D, files: list[D], pattern: Any = None,
                 matters: dict[D, bool] | None = None) -> set[D]:
    """The local module directories the files call, as paths or as strings like `directory`
    (the pre-commit hook's widening works on strings). With `pattern`
    (relevance.type_pattern), the same read also records in `matters[directory]` whether one of
    the files could hold something a check reads (relevance.file_matters), so no file is read
    twice."""
    found: set[str] = set()
    hit = not files
    for path in files:
        try:
            with open(path, "rb") as fh:
                data = fh.read() if pattern is not None else fh.read(_CALLS_READ)
        except OSError:
            hit = True
            continue
        if pattern is not None and not hit:
            hit = file_matters(os.path.basename(path), data, pattern)
        found |= _local_sources(str(directory), data)
    if matters is not None:
        matters[directory] = hit
    if isinstance(directory, str):
        return found
    return {Path(t) for t in found}


def _local_sources(directory: str, data: bytes) -> set[str]:
    """The directories (normalised, absolute when `directory` is) of the local module sources
    in one file's bytes, `directory` itself left out."""
    targets: set[str] = set()
    for m in _LOCAL_SOURCE.finditer(data, 0, _CALLS_READ):
        rel = m.group(1).decode("utf-8", "replace")
        target = os.path.normpath(os.path.join(directory, rel))
        if target != directory:
            targets.add(target)
    return targets


def root_modules(files_by_dir: dict[Path, list[Path]],
                 calls: dict[Path, set[Path]] | None = None, cache: Any = None,
                 pattern: Any = None, matters: dict[Path, bool] | None = None) -> list[Path]:
    """Directories scanned as root modules: those no other scanned module calls. Computed from
    the files as they are on every run (`cache` is accepted and unused): an index of module
    calls would have to read and hash every file anyway, and saves little over the regex."""
    dirs = sorted(files_by_dir, key=lambda d: d.parts)  # Path order, without its cost per comparison
    if calls is None:
        calls = {}
    for d in dirs:
        calls[d] = module_calls(d, files_by_dir[d], pattern, matters)
    return roots_of(dirs, calls)


def roots_of(dirs: list[D], calls: dict[D, set[D]]) -> list[D]:
    """The roots of the module call graph over `dirs` (in that order): the directories nobody
    calls, then one directory of each cycle that no root reaches."""
    called = set().union(*calls.values()) if calls else set()
    roots = [d for d in dirs if d not in called]
    reached: set[D] = set()

    def reach(d: D) -> None:
        stack = [d]
        while stack:
            cur = stack.pop()
            if cur not in reached:
                reached.add(cur)
                stack.extend(calls.get(cur, ()))

    for r in roots:
        reach(r)
    for d in dirs:  # modules only reachable through a cycle still get scanned once
        if d not in reached:
            roots.append(d)
            reach(d)
    return roots


def evaluate_root(root_dir: Path, job: TerraformJob, reader: FileReader) -> RootResult:
    ictx = job.ictx
    out = RootResult(root_dir)
    if root_dir in job.quiet:
        counted = count_only(root_dir, reader, job.allowed_root, MAX_MODULE_DEPTH)
        if counted is not None:
            for tfv in auto_tfvars(root_dir):  # read as a full evaluation reads them
                reader.parse(tfv)
            out.resources = counted
            return out
    source = reader.load_dir(root_dir)
    if source is None:
        return out
    inputs: dict[str, Any] = {}
    tfvars = auto_tfvars(root_dir)
    for tfv in tfvars:
        parsed = reader.parse(tfv)
        if parsed is not None:
            inputs.update(tfvars_values(parsed))
    inputs.update(job.inputs)
    project = Project(reader.load_dir, Limits(job.allowed_root), reader.recorder,
                      reader.display)
    project.input_origins = input_origins(map(reader.parse, tfvars), job.inputs, job.input_origins)
    root = ModuleInstance(project, source, (), None, None, None, inputs)
    project.dirs.add(source.dir)
    pipeline = ictx.pipeline
    subjects: list[ResourceInstance] = []
    for module in root.walk():
        for key in sorted(module.source.resources):
            if not pipeline.reads(key.split(".", 1)[0]) and \
                    not deployers().deploys(key.split(".", 1)[0]):  # judged by its pod
                out.resources += 1  # no check reads it: its body stays unconverted
                continue
            instances = module.resource_instances(key)
            out.resources += max(1, len(instances))
            subjects.extend(instances)
    files = sorted({d / Path(rel).name for d in project.dirs
                    for rel in (reader.sources.get(d) or _empty()).files})
    comments = {p.path: p.comments for f in files if (p := reader.parsed.get(f)) is not None}

    def not_read(inst: Subject, message: str) -> None:
        assert isinstance(inst, ResourceInstance)
        project.limit(NOT_READ, inst.decl, inst.address, message)

    def judged() -> Iterator[Subject]:
        # a manifest resource is judged as the Kubernetes objects it declares
        yield from expand(subjects, not_read)
        # after every resource is evaluated: checking them records limits too
        for hit in list(project.limit_hits.values()):
            yield Cut(hit, attached(comments.get(hit.file, ()), hit.line, hit.end_line))

    out.findings = pipeline.judge(judged(), loose=_loose(comments))
    out.notes = [f"{file}:{line}: {message}" for file, line, message in project.notes]
    reader.collect_deferred()
    shown = {ictx.display(f) for f in files}
    out.errors = [e for e in reader.errors.values() if e.file in shown]
    return out


class _empty:
    files: list[str] = []


def _loose(comments: dict[str, list[A.Comment]]) -> Iterator[tuple[str, Suppression]]:
    """Every suppression comment in the files read: each gets its hygiene findings, whether
    or not it is attached to a block."""
    for file in sorted(comments):
        for c in comments[file]:
            s = parse_suppression(c.text, c.line, c.column)
            if s is not None:
                yield file, s


# -- running many roots ------------------------------------------------------------------
def _evaluate(root: Path, job: TerraformJob, reader: FileReader) -> RootResult:
    """evaluate_root, plus what its result depends on: the errors of every file it read (also
    those no module holds: unreadable files, tfvars), so that serial, parallel and cached runs
    report the same errors, and the observations the result cache checks (when recording)."""
    rec = reader.recorder
    with rec.frame() as keys:
        res = evaluate_root(root, job, reader)
    reader.collect_deferred()
    shown = {job.ictx.display(Path(arg)) for kind, arg in keys if kind == "file"}
    shown.update(e.file for e in res.errors)
    res.errors = [e for e in reader.errors.values() if e.file in shown]
    if rec.active and not _late_errors(keys, reader):
        res.observed = rec.observations(keys)
    return res


def _late_errors(keys: set[tuple[str, str]], reader: FileReader) -> bool:
    """Whether a file this root read has syntax errors found while converting blocks: which
    root reports such an error first depends on which converted the block first, so the
    result is not this root's alone and is not cached."""
    for kind, arg in keys:
        parsed = reader.parsed.get(Path(arg)) if kind == "file" else None
        if parsed is not None and parsed.deferred_errors:
            return True
    return False


def _worker(job: TerraformJob, record: bool, roots: list[Path]) -> list[RootResult]:
    """One worker's roots, with a reader of its own (job and record reach it through the fork)."""
    reader = FileReader(job.ictx.display, job.max_file_size, allowed_root=job.allowed_root)
    reader.recorder.active = record
    reader.relevance = job.relevance
    return [_evaluate(r, job, reader) for r in roots]


_TF_TYPE = re.compile(r"[a-z][a-z0-9]*_[a-z0-9_]+")


def _checked_types(job: TerraformJob) -> frozenset[str]:
    """The Terraform resource types some check reads, whichever check directory holds them
    (a Terraform type is lowercase with underscores; Kubernetes kinds and cut kinds are not)."""
    d = deployers(job.data)  # resources that deploy Kubernetes objects are judged by their pods
    return frozenset(t for t in job.ictx.pipeline.types_read() if _TF_TYPE.fullmatch(t)) | \
        frozenset(d.workloads) | frozenset(d.manifests) | frozenset(d.releases) | \
        frozenset(d.configs) | frozenset(d.objects)


def module_closure(root: D, calls: dict[D, set[D]]) -> set[D]:
    """The module directories a root reaches through its local module calls, itself included."""
    seen: set[D] = set()
    stack = [root]
    while stack:
        cur = stack.pop()
        if cur not in seen:
            seen.add(cur)
            stack.extend(calls.get(cur, ()))
    return seen


def _chunks(roots: list[Path], sizes: dict[Path, int], calls: dict[Path, set[Path]],
            n: int) -> list[list[Path]]:
    """Roots that share module directories stay in one worker (each worker parses what it
    reads; shared modules are parsed once there), and the groups are balanced over n workers
    by bytes of Terraform, deterministically."""
    owner: dict[Path, int] = {}
    groups: list[tuple[set[Path], list[Path]]] = []
    for root in roots:
        dirs = module_closure(root, calls)
        hits = sorted({owner[d] for d in dirs if d in owner})
        if hits:  # merge every group this root touches into the first
            first = hits[0]
            for other in hits[1:]:
                groups[first][0].update(groups[other][0])
                groups[first][1].extend(groups[other][1])
                for d in groups[other][0]:
                    owner[d] = first
                groups[other] = (set(), [])
            groups[first][0].update(dirs)
            groups[first][1].append(root)
            for d in dirs:
                owner[d] = first
        else:
            groups.append((set(dirs), [root]))
            for d in dirs:
                owner[d] = len(groups) - 1
    weighted = [(sum(sizes.get(d, 0) for d in ds) + len(rs), sorted(map(str, rs)), rs)
                for ds, rs in groups if rs]
    # A group bigger than a worker's share (a monorepo whose roots all call one module) is
    # split root by root: its shared modules are then parsed once per worker, not once.
    share = sum(w for w, _, _ in weighted) / max(n, 1)
    split: list[tuple[int, list[str], list[Path]]] = []
    for w, names, rs in weighted:
        if w > share and len(rs) > 1:
            split.extend((sum(sizes.get(d, 0) for d in module_closure(r, calls)) + 1, [str(r)], [r])
                         for r in rs)
        else:
            split.append((w, names, rs))
    weighted = sorted(split, key=lambda g: (-g[0], g[1]))
    buckets: list[list[Path]] = [[] for _ in range(n)]
    load = [0] * n
    for weight, _, rs in weighted:
        i = load.index(min(load))
        buckets[i].extend(rs)
        load[i] += weight
    return [b for b in buckets if b]


def run_roots(roots: list[Path], job: TerraformJob, reader: FileReader, jobs: int,
              sizes: dict[Path, int], calls: dict[Path, set[Path]]) -> list[RootResult]:
    # what these roots read, roughly: their directories and the modules they call
    todo_dirs = {d for r in roots for d in module_closure(r, calls)}

    def serial() -> list[RootResult]:
        return [_evaluate(r, job, reader) for r in roots]

    if jobs <= 1 or len(roots) < 2 or len(todo_dirs) < PARALLEL_MIN_DIRS:
        return serial()
    work = functools.partial(_worker, job, reader.recorder.active)
    done = map_units(work, _chunks(roots, sizes, calls, jobs), jobs, serial)
    by_root = {r.root: r for r in done}
    return [by_root[r] for r in roots if r in by_root]


_UNIT = "roots"  # the result cache's kind of unit: one root module's result, named by its path


def scan_terraform(terraform_files: list[Path], extra_dirs: list[Path], job: TerraformJob,
                   reader: FileReader, jobs: int, cache: ResultCache | None = None,
                   only_roots: set[Path] | None = None) -> PartResult:
    files_by_dir: dict[Path, list[Path]] = {d: [] for d in extra_dirs}
    for path in terraform_files:
        files_by_dir.setdefault(path.parent, []).append(path)
    calls: dict[Path, set[Path]] = {}
    types = _checked_types(job) if _shortcut() else frozenset()
    pattern = type_pattern(types) if types else None
    matters: dict[Path, bool] = {}
    roots = root_modules(files_by_dir, calls, pattern=pattern, matters=matters)
    if cache is not None:  # observe what is read, for the result cache
        reader.recorder.active = True
    if only_roots is not None:  # the roots one policy governs (roots are found scan-wide)
        roots = [r for r in roots if r in only_roots]
    if pattern is not None:
        job = replace(job, quiet=quiet_roots(roots, calls, matters), relevance=pattern)
        reader.relevance = pattern
    sizes: dict[Path, int] = {}
    for path in terraform_files:
        try:
            sizes[path.parent] = sizes.get(path.parent, 0) + path.stat().st_size
        except OSError:
            continue
    results: dict[Path, RootResult] = {}
    todo = []
    for r in roots:
        hit = cache.load(_UNIT, str(r), RootResult) if cache is not None else None
        if hit is not None:
            results[r] = hit
        else:
            todo.append(r)
    for res in run_roots(todo, job, reader, jobs, sizes, calls):
        results[res.root] = res
        if cache is not None and res.observed is not None:
            # the observations are the entry's own, kept beside the result
            cache.store(_UNIT, str(res.root), replace(res, observed=None), res.observed)
    part = PartResult()
    seen: set[tuple[Any, ...]] = set()
    errors: dict[str, ScanError] = {}
    for r in roots:
        done = results.get(r)
        if done is None:
            continue
        res = done
        part.resources += res.resources
        part.notes.extend(res.notes)
        for f in res.findings:
            key = finding_key(f)
            if key not in seen:
                seen.add(key)
                part.findings.append(f)
        for e in res.errors:
            errors.setdefault(e.file, e)
    reader.collect_deferred()
    for e in reader.errors.values():  # files that belong to no evaluated module
        errors.setdefault(e.file, e)
    part.errors = list(errors.values())
    return part
