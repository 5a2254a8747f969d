"""One scan: discover → parse → evaluate → decide → approve/suppress → result."""

from __future__ import annotations

import datetime as dt
import functools
import os
import posixpath
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data_files import DataFiles
from .discovery import POLICY_MARKERS, Discovered, discover, git_root, path_order
from .engine.approved_exits import ExitMatcher
from .engine.catalog import load_checks
from .engine.context import InputContext
from .engine.run import Judge
from .engine.suppression_use import drop_used
from .exclude import Excludes, exclude_found, invalid_pattern
from .geo.geography import load_catalogue
from .hashes import sha256
from .model import End, Finding, Origin, ScanError, ScanResult
from .named_files import passes_through, widen
from .policy import Policy, PolicyError, find_policy, load_policy
from .records import dataclass
from .repositories import EVERYWHERE, Repositories
from .stdin_input import STDIN_DISPLAY
from .subject import FrontEndContext, PartResult, finding_key
from .terraform.files import FileReader, cli_var_value, tfvars_values
from .terraform.provenance import entry_origins
from .terraform.scan import TerraformJob, root_modules, scan_terraform
from .terraform.source import is_override
from .var_order import FILE, ordered

if TYPE_CHECKING:
    from .cache import ResultCache


class UsageError(Exception):
    """Bad arguments or an invalid policy: exit 2 before scanning."""


@dataclass
class ScanOptions:
    paths: list[Path] = field(default_factory=lambda: [Path(".")])
    policy_path: Path | None = None
    var_files: list[Path] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    today: dt.date | None = None
    max_file_size: int = 5 * 1024 * 1024
    allow_outside_root: bool = False
    base: Path | None = None  # paths in the report are relative to this (default: cwd)
    jobs: int = 1  # worker processes for Terraform; 0 = all cores
    use_cache: bool = False  # the CLI turns the result cache on unless --no-cache
    cache_dir: Path | None = None
    stdin_text: str | None = None  # `exitlint -`: manifests (or plan JSON) on standard input
    plan_paths: list[Path] = field(default_factory=list)  # `--plan FILE`: read as plan JSON
    plan_stdin: str | None = None  # `--plan -`: plan JSON on standard input
    exclude: list[str] = field(default_factory=list)  # `--exclude` globs (relative to the cwd)
    # `exitlint -` with Terraform: the private directory standard input was written to (one
    # of `paths`); its files are shown as `<stdin>` and follow the current directory's policy
    stdin_dir: Path | None = None
    var_order: tuple[str, ...] = ()  # --var-file/--var occurrences in order (var_order.kinds)
    # `--inline-suppressions`: overrides every policy's `inline_suppressions` (None: keep them)
    inline_suppressions: bool | frozenset[str] | None = None


def _display_fn(base: Path, stdin_dir: Path | None = None) -> Any:
    @functools.cache  # called for every file and finding; relpath is slow
    def display(path: Path) -> str:
        if stdin_dir is not None and stdin_dir in (path, path.parent):
            return STDIN_DISPLAY
        try:
            rel = os.path.relpath(path, base)
        except ValueError:
            rel = str(path)
        return rel.replace(os.sep, "/")
    return display


def _scan_root(paths: list[Path]) -> Path:
    """Report paths are relative to the current directory when every scanned path is inside it,
    else to the (first) scanned directory."""
    cwd = Path.cwd().resolve()
    resolved = [p.resolve() for p in paths] or [cwd]
    if all(p.is_relative_to(cwd) for p in resolved):
        return cwd
    first = resolved[0]
    return first if first.is_dir() else first.parent


def _repositories(paths: list[Path], base: Path) -> Repositories:
    """Each named path's repository (repositories.py): its git work tree, else `base` when the
    path is inside it, else the path itself (a file's directory)."""
    roots = []
    for given in paths or [base]:
        path = given.resolve()
        roots.append(git_root(path) or (base if path.is_relative_to(base) else
                                        path if path.is_dir() else path.parent))
    return Repositories.of(roots)


def load_scan_policy(options: ScanOptions, display: Any, start: Path | None = None) -> Policy:
    """`--policy PATH`, else the nearest policy file above `start` (default: the current
    directory); a usage error when it cannot be used."""
    path = options.policy_path
    if path is None:
        path = _find_policy(start if start is not None and start.exists() else Path("."))
    return _policy_from(path, display, options)


def _find_policy(start: Path) -> Path | None:
    try:
        return find_policy(start)
    except PolicyError as exc:  # a symlink out of the repository: named, never read
        raise UsageError(str(exc)) from exc


def _policy_from(path: Path | None, display: Any, options: ScanOptions | None = None) -> Policy:
    if path is None:
        return Policy()
    if not path.is_file():
        raise UsageError(f"policy file {path} does not exist")
    try:
        return load_policy(path, display(path.resolve()), _valid_memo(options))
    except PolicyError as exc:
        raise UsageError(str(exc)) from exc


def _valid_memo(options: ScanOptions | None) -> tuple[Path, str] | None:
    """Where policies that passed validation are remembered (policy.validate_policy): the
    cache directory, under the engine stamp; None when the cache is off."""
    directory = _default_cache_dir(options) if options is not None and options.use_cache \
        else None
    if directory is None:
        return None
    from .cache import engine_stamp

    return directory, engine_stamp(directory)


class _Governing:
    """Which policy governs each directory (SPEC §4): `--policy` for every file, else the
    nearest policy file in the directory or its parents up to the git work tree root. Each
    policy file is loaded once, so directories under one policy share one Policy object."""

    def __init__(self, options: ScanOptions, display: Any, found: Discovered) -> None:
        self._display = display
        self._fixed = (load_scan_policy(options, display) if options.policy_path is not None
                       else None)
        self._found = found
        self._options = options
        self._stdin_dir = options.stdin_dir
        self._by_dir: dict[Path, Policy] = {}
        self._by_file: dict[Path | None, Policy] = {}
        self._paths: dict[Path, Path | None] = {}  # directory as discovered -> policy file
        self._real: dict[Path, Path | None] = {}  # resolved directory -> policy file

    def of(self, directory: Path) -> Policy:
        if self._fixed is not None:
            return self._fixed
        if directory == self._stdin_dir:  # Terraform on standard input: the cwd's policy
            directory = Path.cwd()
        policy = self._by_dir.get(directory)
        if policy is None:
            path = self._nearest(directory)
            policy = self._by_file.get(path)
            if policy is None:
                policy = _policy_from(path, self._display, self._options)
                self._by_file[path] = policy
            self._by_dir[directory] = policy
        return policy

    def _nearest(self, directory: Path) -> Path | None:
        """find_policy(directory), cheaply: a directory the walk listed without a policy file
        or .git in it has its parent's policy (the walk never enters a symlinked directory, so
        below a scanned path the parent is the real one)."""
        walked, marked = self._found.walked, self._found.marked
        chain: list[Path] = []
        d = directory
        while d not in self._paths:
            if d not in walked:
                self._paths[d] = self._resolved(d.resolve())
                break
            if d in marked:
                self._paths[d] = _find_policy(d)
                break
            chain.append(d)
            up = d.parent
            if up not in walked or d in self._found.tops:  # a named directory may be a symlink
                up = d.resolve().parent
            if up == d:
                self._paths[d] = None
                break
            d = up
        found = self._paths[d]
        for c in chain:
            self._paths[c] = found
        return found

    def _resolved(self, directory: Path) -> Path | None:
        """find_policy for a directory the walk did not list, sharing the walk up."""
        chain: list[Path] = []
        d = directory
        while d not in self._real:
            chain.append(d)
            if d.parent == d or any((d / name).exists() for name in POLICY_MARKERS):
                self._real[d] = _find_policy(d)  # a candidate here, or the walk's end
                break
            d = d.parent
        found = self._real[d]
        for c in chain:
            self._real[c] = found
        return found


@dataclass
class _Group:
    """What one policy governs: Terraform roots (all of them when `all_roots`), other files,
    plan files and standard input."""

    policy: Policy
    all_roots: bool = False
    roots: set[Path] = field(default_factory=set)
    other: list[Path] = field(default_factory=list)
    plans: list[Path] = field(default_factory=list)
    stdin: bool = False


def _groups(options: ScanOptions, found: Discovered, governing: _Governing,
            tfvars_dirs: list[Path]) -> list[_Group]:
    """Split the scan by governing policy. A Terraform root module follows the policy nearest
    its directory and takes the modules it calls with it; roots are found across the whole scan,
    so a module called from another policy's root is never evaluated as a root of its own."""
    groups: dict[Path | None, _Group] = {}

    def group(directory: Path) -> _Group:
        policy = governing.of(directory)
        return groups.setdefault(policy.path, _Group(policy))

    for given in options.paths:  # each named path's policy reports its own hygiene findings
        path = Path(os.path.abspath(given))
        group(path if path.is_dir() else path.parent)
    dirs = sorted({p.parent for p in found.terraform} | set(tfvars_dirs), key=path_order)
    if len({governing.of(d).path for d in dirs}) == 1:
        group(dirs[0]).all_roots = True  # one policy for all Terraform: no root detection here
    elif dirs:
        files_by_dir: dict[Path, list[Path]] = {d: [] for d in tfvars_dirs}
        for tf in found.terraform:
            files_by_dir.setdefault(tf.parent, []).append(tf)
        for root in root_modules(files_by_dir):
            group(root).roots.add(root)
    for other in found.other:
        group(other.parent).other.append(other)
    for plan in options.plan_paths:
        group(plan.resolve().parent).plans.append(plan)
    if options.stdin_text is not None or options.plan_stdin is not None:
        group(Path.cwd().resolve()).stdin = True
    return [groups[k] for k in sorted(groups, key=lambda k: str(k or ""))]


def _cli_vars(options: ScanOptions, reader: FileReader) -> dict[str, Any]:
    """--var-file and --var values in command-line order, a later one winning (Terraform's)."""
    values: dict[str, Any] = {}
    for kind, given in ordered(options.var_files, options.variables, options.var_order):
        if kind == FILE:
            vf = Path(given)
            if not vf.is_file():
                raise UsageError(f"--var-file {vf} does not exist")
            parsed = reader.parse(vf.resolve())
            if parsed is not None:
                values.update(tfvars_values(parsed))
            continue
        name, sep, raw = str(given).partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {given!r} is not NAME=VALUE")
        values[name.strip()] = cli_var_value(raw)
    return values


def _var_file_origins(options: ScanOptions, reader: FileReader) -> dict[str, Origin]:
    """The --var-file entry behind each command-line value, for findings' chains; a later
    --var replaces it and has no file to point at."""
    out: dict[str, Origin] = {}
    for kind, given in ordered(options.var_files, options.variables, options.var_order):
        if kind == FILE:
            parsed = reader.parse(Path(given).resolve())  # parsed once already, by _cli_vars
            if parsed is not None:
                out.update(entry_origins(parsed))
        else:
            out.pop(str(given).partition("=")[0].strip(), None)
    return out


def scan(options: ScanOptions) -> ScanResult:
    base = (options.base or _scan_root([p for p in options.paths
                                        if p != options.stdin_dir])).resolve()
    display = _display_fn(base, options.stdin_dir)
    today = options.today or dt.date.today()
    result = ScanResult()
    found = discover(options.paths, options.allow_outside_root)
    governing = _Governing(options, display, found)
    for missing in found.missing:
        raise UsageError(f"path {missing} does not exist")
    exclusion = _exclusion_rules(options, governing)
    result.excluded = [(display(e.path), e.pattern, e.source)
                       for e in exclude_found(found, exclusion)]
    allowed = EVERYWHERE if options.allow_outside_root else _repositories(options.paths, base)
    reader = FileReader(display, options.max_file_size, allowed_root=allowed)
    cli_values = _cli_vars(options, reader)
    cli_origins = _var_file_origins(options, reader)
    data = _data_files(options)
    # named files (pre-commit) are evaluated in context: the roots that call their module
    # directory, the workloads that mount their ConfigMaps (named_files.py)
    widened = (widen(found, options.allow_outside_root, options.max_file_size)
               if found.explicit else None)
    if widened is not None:  # context files are never read from an excluded path either
        exclude_found(found, exclusion, counted=False)
    tfvars_dirs = [p.parent for p in found.tfvars if p in found.explicit]
    scope = _GroupScope(options, found, tfvars_dirs, reader, cli_values, allowed, base, today,
                        data, cli_origins)
    terraform = PartResult()
    other = PartResult()
    hygiene: list[Finding] = []
    for group in _groups(options, found, governing, tfvars_dirs):
        _scan_group(group, scope, terraform, other, hygiene)
    findings = terraform.findings + hygiene
    resources = terraform.resources + other.resources
    result.notes.extend(terraform.notes + other.notes)
    if widened is not None:
        shown = {display(p) for p in widened.given}
        extra = {display(p) for p in widened.added}
        policies = {f.span.file for f in hygiene}
        # A named override file (a provider's region, a variable's default) changes what the
        # blocks of its whole module directory deploy: their findings are its findings too.
        merged = {posixpath.dirname(display(p)) for p in found.explicit if is_override(p.name)}
        # named files (pre-commit): the findings located in them or whose values came from
        # them, plus the policy files' own hygiene findings
        findings = [f for f in findings if f.span.file in shown or f.span.file in policies
                    or posixpath.dirname(f.span.file) in merged or passes_through(f, shown)]
        result.errors = [e for e in terraform.errors if e.file in shown]
        findings.extend(f for f in other.findings
                        if f.span.file not in extra or passes_through(f, shown))
        result.errors.extend(e for e in other.errors if e.file not in extra)
    else:
        result.errors = list(terraform.errors)
        findings.extend(other.findings)  # front ends scan only what they were given
        result.errors.extend(other.errors)
    reported = {e.file for e in result.errors}
    # never opened: a FIFO would block, a symlink out of the repository could leak a secret.
    # A file the Terraform reader already refused (a symlinked terraform.tfvars) is reported
    # once.
    result.errors.extend(ScanError(display(p), 1, 1, "not a regular file (FIFO, socket or "
                                   "device); skipped") for p in found.irregular
                         if display(p) not in reported)
    result.errors.extend(ScanError(display(p), 1, 1, "symlink to a file outside the "
                                   "repository; not read (use --allow-outside-root to read it)")
                         for p in found.outside if display(p) not in reported)
    result.findings = _fingerprinted(drop_used(findings))  # XB910: unused in every root
    result.errors.sort(key=ScanError.sort_key)
    result.notes = sorted(set(result.notes))
    result.files = (len(found.terraform) + len(found.tfvars) + other.files
                    + len(found.irregular) + len(found.outside))
    result.resources = resources
    result.checks = tuple(load_checks(data=data).checks.values())  # what the reporters list
    result.source_prefix = _repo_prefix(base)
    return result


def _exclusion_rules(options: ScanOptions, governing: _Governing) -> Any:
    """The exclude patterns that apply to a file: `--exclude` (relative to the current
    directory), then its governing policy's `exclude` (relative to the policy file)."""
    for pattern in options.exclude:
        if (why := invalid_pattern(pattern)) is not None:
            raise UsageError(f"--exclude {why}")
    cli = Excludes(Path.cwd().resolve(), tuple(options.exclude))

    def rules(path: Path) -> list[tuple[Excludes, str]]:
        out = [(cli, "--exclude")] if cli.patterns else []
        policy = governing.of(path.parent)
        if policy.exclude and policy.base_dir is not None:
            for pattern in policy.exclude:
                if (why := invalid_pattern(pattern)) is not None:
                    raise UsageError(f"{policy.rel_path}: exclude: {why}")
            out.append((Excludes(policy.base_dir.resolve(), policy.exclude),
                        policy.rel_path or str(policy.path)))
        return out
    return rules


def _repo_prefix(base: Path) -> str:
    """`base` relative to its git work tree, with forward slashes ("" at the top or outside
    one), so SARIF can name files from the repository root whatever the current directory."""
    top = git_root(base)
    if top is None or top == base:
        return ""
    return base.relative_to(top).as_posix()


@dataclass
class _GroupScope:
    """What every policy group of one scan shares (one reader: a module is parsed once)."""

    options: ScanOptions
    found: Discovered
    tfvars_dirs: list[Path]
    reader: FileReader
    cli_values: dict[str, Any]
    allowed: Repositories
    base: Path
    today: dt.date
    data: DataFiles  # bundled data files, parsed through the user's cache when it is on
    cli_origins: dict[str, Origin] = field(default_factory=dict)  # --var-file entry per value


def _scan_group(group: _Group, scope: _GroupScope, terraform: PartResult, other: PartResult,
                hygiene: list[Finding]) -> None:
    """Run the pipeline for what one policy governs and merge it into the scan's results:
    Terraform findings deduplicated across groups (a module shared by roots under different
    policies), errors once per file."""
    options, policy = scope.options, group.policy
    if options.inline_suppressions is not None:  # the CLI switch wins over the policy
        policy = replace(policy, inline_suppressions=options.inline_suppressions)
    catalog = load_checks(data=scope.data)
    catalogue = load_catalogue(data=scope.data)
    exits = ExitMatcher(policy, scope.today, scope.base, catalogue.vocabularies.get("carrier"))
    ictx = InputContext(scope.reader.display, policy, catalog, catalogue, scope.today, exits,
                        options.max_file_size)
    # what the front ends get: the engine's one pipeline, bound to these checks and this policy
    fctx = FrontEndContext(scope.reader.display, policy, catalogue, scope.today,
                           options.max_file_size, Judge(catalog, ictx))
    cache = _result_cache(options, policy, scope.cli_values, scope.allowed, scope.base,
                          scope.today)
    if group.all_roots or group.roots:
        job = TerraformJob(fctx, scope.cli_values, scope.allowed, options.max_file_size,
                           scope.cli_origins, data=scope.data)
        part = scan_terraform(
            scope.found.terraform, scope.tfvars_dirs, job, scope.reader,
            options.jobs if options.jobs > 0 else (os.cpu_count() or 1), cache,
            only_roots=None if group.all_roots else group.roots)
        seen = {_dedupe_key(f) for f in terraform.findings}
        terraform.findings.extend(f for f in part.findings if _dedupe_key(f) not in seen)
        known = {e.file for e in terraform.errors}
        terraform.errors.extend(e for e in part.errors if e.file not in known)
        terraform.resources += part.resources
        terraform.notes.extend(part.notes)
    if group.other or group.plans or group.stdin:
        given = replace(options, plan_paths=group.plans,
                        plan_stdin=options.plan_stdin if group.stdin else None)
        _merge_part(other, _scan_other(group.other, options.stdin_text if group.stdin else None,
                                       fctx, given, cache))
    hygiene.extend(exits.hygiene_findings(catalog, policy))


def _dedupe_key(f: Finding) -> tuple[Any, ...]:
    return finding_key(f)  # roots under different policies stay apart


def _scan_other(files: list[Path], stdin_text: str | None, ictx: FrontEndContext,
                options: ScanOptions | None = None, cache: Any = None) -> PartResult:
    """YAML/JSON files and standard input: a Terraform plan (`terraform show -json`, recognised
    by its content, or named with `--plan`) goes to the plan front end, everything else to the
    Kubernetes front end. Both are imported only when needed."""
    plan_paths = [p.resolve() for p in (options.plan_paths if options else [])]
    plan_stdin = options.plan_stdin if options else None
    out = PartResult()
    manifests: list[Path] = []
    plans: list[tuple[Path | None, str]] = []
    for p in files:
        text = _plan_text(p, ictx.max_file_size) if p.name.endswith(".json") else None
        if text is not None:
            plans.append((p, text))
        elif p not in plan_paths:
            manifests.append(p)
    for p in plan_paths:
        if p in files and any(q == p for q, _ in plans):
            continue
        try:
            plans.append((p, _read_limited(p, ictx.max_file_size)))
        except OSError as exc:
            out.files += 1
            out.errors.append(ScanError(ictx.display(p), 1, 1, f"cannot read: {exc}"))
    if stdin_text is not None and plan_stdin is None:
        from .terraform.plan import looks_like_plan

        if looks_like_plan(stdin_text):
            plan_stdin, stdin_text = stdin_text, None
    if plan_stdin is not None:
        plans.append((None, plan_stdin))
    if plans:
        from .terraform.plan import scan_plan

        for path, text in plans:
            _merge_part(out, scan_plan(text, path, ictx, base_dir=Path.cwd()))
    if manifests or stdin_text is not None:
        jobs = (options.jobs if options.jobs > 0 else os.cpu_count() or 1) if options else 1
        _merge_part(out, _kubernetes(manifests, stdin_text, ictx, cache, jobs))
    return out


def _kubernetes(manifests: list[Path], stdin_text: str | None, ictx: FrontEndContext,
                cache: ResultCache | None, jobs: int = 1) -> PartResult:
    """The Kubernetes front end, reused from the cache when no manifest changed and nothing
    its renders read (charts, overlays, values files, the renderers) did either."""
    from .kubernetes.render_cache import RenderInputs
    from .kubernetes.scan import scan_manifests

    renders = RenderInputs(cache.directory if cache is not None else None)
    if cache is None or stdin_text is not None:  # standard input is never cached
        return scan_manifests(manifests, stdin_text, ictx, renders, jobs)
    # the content of every manifest, hashed before the scan reads it and again after: a file
    # saved meanwhile is never cached under content the scan did not see
    key = _manifests_key(manifests, ictx.max_file_size)
    hit = cache.load("parts", key, PartResult) if key is not None else None
    if hit is not None:
        return hit
    part = scan_manifests(manifests, stdin_text, ictx, renders, jobs)
    observed = renders.observations()  # each taken again now: None when one changed
    if key is not None and observed is not None and \
            _manifests_key(manifests, ictx.max_file_size) == key:
        cache.store("parts", key, part, observed)
    return part


def _manifests_key(files: list[Path], limit: int) -> str | None:
    """Content key of the manifests now (None when one cannot be read as a regular file)."""
    from .observations import content_token

    h = sha256(f"kubernetes|{len(files)}".encode())
    charts: dict[str, str] = {}
    for path in sorted(files, key=path_order):
        token = content_token(path, limit)
        if token is None:
            return None
        h.update(f"|{path}\0{token}|{_chart_markers(path.parent, charts)}"
                 .encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _chart_markers(directory: Path, memo: dict[str, str]) -> str:
    """Which of the eight directories from `directory` up hold a Chart.yaml: that decides
    whether a file is part of a chart (rendered with it) and how a templated file is judged
    (kubernetes.helm.chart_dirs, kubernetes.scan._in_chart)."""
    chain = []
    key = str(directory)
    while key not in memo:
        chain.append(key)
        up = os.path.dirname(key)
        if up == key:
            memo[up + "\0"] = "-" * 7  # above the root
            key = up + "\0"
            break
        key = up
    above = memo[key]
    for d in reversed(chain):  # from the top down
        above = memo[d] = ("C" if os.path.isfile(os.path.join(d, "Chart.yaml")) else "-") \
            + above[:7]
    return memo[str(directory)]


class _TooLarge(OSError):
    pass


def _read_limited(path: Path, limit: int) -> str:
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(f"larger than {limit} bytes (--max-file-size)")
    return data.decode("utf-8", "replace")


def _plan_text(path: Path, limit: int) -> str | None:
    """The text of a `.json` file when it is a Terraform plan, else None (cheap sniff first)."""
    from .terraform.plan import looks_like_plan

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
        if b'"format_version"' not in head and b'"planned_values"' not in head:
            return None
        text = _read_limited(path, limit)
    except OSError:
        return None
    return text if looks_like_plan(text) else None


def _merge_part(into: PartResult, part: PartResult) -> None:
    into.findings.extend(part.findings)
    into.errors.extend(part.errors)
    into.files += part.files
    into.resources += part.resources
    into.notes.extend(part.notes)


def _default_cache_dir(options: ScanOptions) -> Path | None:
    """The cache directory this scan may use, or None (no cache): --cache-dir as given, else the
    user's cache directory when it is absolute, theirs, and outside the scanned trees."""
    from .cache import default_cache_dir, usable_cache_dir

    explicit = options.cache_dir is not None
    directory = options.cache_dir.absolute() if options.cache_dir is not None \
        else default_cache_dir()
    return usable_cache_dir(directory, options.paths, explicit, git_root)


def _data_files(options: ScanOptions) -> DataFiles:
    """The parsed check catalogue is kept beside the results when the cache is on."""
    directory = _default_cache_dir(options) if options.use_cache else None
    return DataFiles(str(directory) if directory is not None else None)


def _result_cache(options: ScanOptions, policy: Policy, values: dict[str, Any],
                  allowed: Repositories,
                  base: Path, today: dt.date) -> ResultCache | None:
    """The result cache for one policy, keyed on everything the results depend on besides the
    files (see cache.py); `values` is not used: the variables are keyed on their source text."""
    if not options.use_cache:
        return None
    directory = _default_cache_dir(options)
    if directory is None:
        return None
    from .cache import Replay, ResultCache, settings_salt
    from .observations import content_token
    from .terraform.observe import TerraformReplay

    limit = 64 * 1024 * 1024
    settings = settings_salt([
        str(policy.path), content_token(policy.path, limit) if policy.path else None,
        options.variables, list(options.var_order),
        [[str(vf.absolute()), content_token(vf, limit)] for vf in options.var_files],
        str(allowed), str(base), today.isoformat(), options.max_file_size,
        repr(sorted(policy.inline_suppressions) if isinstance(policy.inline_suppressions, frozenset)
             else policy.inline_suppressions)])
    terraform = TerraformReplay(_display_fn(base), options.max_file_size, allowed)

    def front(kind: str, arg: str) -> str:  # what the front ends observed, taken again
        if kind.startswith("k8s-"):
            from .kubernetes.render_cache import replay

            return replay(kind, arg)
        return terraform(kind, arg)
    replay = Replay(front)
    return ResultCache(directory, settings, replay)


def _with_fingerprint(f: Finding, occurrence: int = 1) -> Finding:
    remote = f.remote.value if f.remote else ""
    # The root module is part of it: envs/prod and envs/staging calling one module are two
    # findings. Outside Terraform (root None) the fingerprint is what it always was.
    root = f"|{f.root}" if f.root is not None else ""
    # a second finding with the same identity (two hits at other lines of one object) gets
    # its occurrence number, so that fingerprints are unique in a report
    nth = f"|#{occurrence}" if occurrence > 1 else ""
    # surrogatepass: a non-UTF-8 file name holds surrogate escapes; they hash like any other
    # character instead of raising (the fingerprint stays stable for that name)
    digest = sha256(f"{f.check_id}|{f.span.file}|{f.resource}|{remote}{root}{nth}"
                            .encode("utf-8", "surrogatepass"))
    return replace(f, fingerprint=digest.hexdigest()[:32])


def _fingerprinted(findings: list[Finding]) -> list[Finding]:
    """The report's findings: one per identity (front ends that read the same file, a source
    scan and a plan, may both report a suppression comment's hygiene), sorted, each with a
    fingerprint unique in the report."""
    unique = {finding_key(f): f for f in reversed(findings)}  # the first of equals wins
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for f in sorted(unique.values(), key=Finding.sort_key):
        done = _with_fingerprint(f)
        seen[done.fingerprint] = seen.get(done.fingerprint, 0) + 1
        if seen[done.fingerprint] > 1:
            done = _with_fingerprint(f, seen[done.fingerprint])
        out.append(done)
    return out


__all__ = ["End", "ScanOptions", "UsageError", "scan"]
