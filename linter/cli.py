"""Command line (click). Thin: parse flags, call the app, pick the exit code (SPEC §6)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

import click

from . import __version__
from .model import Severity
from .reporters import FORMATS
from .resources import source_root
from .scaffold import CATEGORIES, DEFAULT_CATEGORY, PLATFORMS
from .stdin_input import KINDS
from .var_order import kinds

if TYPE_CHECKING:
    from .engine.catalog import Check

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
PROGRESS_AFTER = 1.0  # seconds before a scan shows progress on a terminal


PRE_COMMIT_FLAG = "--pre-commit"  # first argument of the hook's entry (.pre-commit-hooks.yaml)


class _DefaultScan(click.Group):
    """`exitlint PATHS...` scans; `register`, `checks`, `explain`, `docs`, `init`, `new-check` are
    subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing and not args:
            return super().parse_args(ctx, args)  # shell completion of the subcommand name
        if args and args[0] == PRE_COMMIT_FLAG:
            options, paths = hook_arguments(self.commands["scan"], args[1:])
            args = ["scan", PRE_COMMIT_FLAG, *options, "--", *paths]
        elif args and args[0] == "register" and not {"-h", "--help"} & set(args[1:]):
            # the register is a scan in a register format that never fails on what it lists
            rest = [a for a in args[1:] if a != "--csv"]
            fmt = "register-csv" if "--csv" in args[1:] else "register-md"
            args = ["scan", "--format", fmt, "--fail-on", "never", *rest]
        elif not args or (args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                            "--version")):
            args = ["scan", *args]
        return super().parse_args(ctx, args)


def _value_options(command: click.Command) -> dict[str, bool]:
    """Every option spelling of `command` -> whether it takes a value."""
    out: dict[str, bool] = {}
    for param in command.params:
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                out[name] = not (param.is_flag or param.count)
    return out


def hook_arguments(command: click.Command, tokens: list[str]) -> tuple[list[str], list[str]]:
    """pre-commit runs `entry + args + file names`: the users' own `args:` come first, the file
    names last, with no `--` between (users' `args:` replace the hook's, so a `--` there would
    not survive). pre-commit passes only names that exist (`os.path.lexists`), so a token that
    names an existing path is a file name, never an option, whatever it looks like
    (`--policy=p.yaml`). Every other token is an option, with its value when it takes one, or
    a path. Returns (options, paths)."""
    takes_value = _value_options(command)
    options: list[str] = []
    paths: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if os.path.lexists(token):
            paths.append(token)
        elif token == "--":
            paths.extend(tokens[i + 1:])
            break
        elif token.startswith("-") and token != "-":
            options.append(token)
            if "=" not in token and takes_value.get(token) and i + 1 < len(tokens):
                i += 1
                options.append(tokens[i])  # the option's value, even when it names a file
        else:
            paths.append(token)
        i += 1
    return options, paths


def _reads_as_option(command: click.Command, name: str) -> bool:
    """A file name that an exitlint option would claim on a command line without `--`."""
    return name.startswith("-") and name.split("=", 1)[0] in _value_options(command)


@click.group(cls=_DefaultScan, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exitlint")
def cli() -> None:
    """Find Terraform and Kubernetes configuration that opens cross-border links out of
    mainland China outside the approved exits.

    Run `exitlint [PATHS]` to scan (the `scan` subcommand is implied).
    Shell completion: eval "$(_EXITLINT_COMPLETE=bash_source exitlint)" (zsh_source, fish_source).
    """


def _parse_outputs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for v in values:
        fmt, sep, path = v.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter(f"{v!r}: expected FORMAT=PATH with FORMAT one of "
                                     f"{', '.join(FORMATS)}", param_hint="--output")
        out.append((fmt, path))
    return out


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@contextmanager
def _progress(enabled: bool, stream: IO[str]) -> Iterator[None]:
    """After PROGRESS_AFTER seconds, an elapsed-time line on stderr, erased when done."""
    if not enabled:
        yield
        return
    done = threading.Event()
    shown = [False]
    start = time.monotonic()

    def tick() -> None:
        if done.wait(PROGRESS_AFTER):
            return
        while not done.is_set():
            stream.write(f"\rexitlint: scanning... {time.monotonic() - start:.0f}s")
            stream.flush()
            shown[0] = True
            done.wait(0.5)

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown[0]:
            stream.write("\r\033[K")
            stream.flush()


class _ScanCommand(click.Command):
    """Records the order of --var-file/--var (Terraform applies them in command-line order)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["exitlint.var_order"] = kinds(args)
        return super().parse_args(ctx, args)


@cli.command("scan", cls=_ScanCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format on standard output [default: text; github when "
                   "GITHUB_ACTIONS=true].")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write a report to a file (repeatable), e.g. sarif=results.sarif.")
@click.option("--plan", "plans", multiple=True, metavar="PATH",
              help="A Terraform plan JSON (terraform show -json); '-' reads standard input. "
                   "Plan files given as PATHS are recognised by their content.")
@click.option("--stdin-kind", type=click.Choice(KINDS), default=None,
              help="What '-' (standard input) holds [default: recognised by its content].")
@click.option("--policy", "policy_path", type=click.Path(path_type=Path),
              help="Policy file (default: nearest .exitlint.yaml or [tool.exitlint]).")
@click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
              help="Never scan files matching GLOB, even when named (repeatable; relative to "
                   "the current directory, gitignore-like: `legacy/**`, `*.auto.tfvars`).")
@click.option("--var-file", "var_files", multiple=True, type=click.Path(path_type=Path),
              help="Terraform variable file (repeatable).")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Terraform variable value (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="error", show_default=True, help="Lowest severity that makes exit 1.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path),
              help="Hide findings recorded in this baseline file (see --write-baseline).")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(path_type=Path),
              help="Record every current finding in this file and exit 0 (2 on read errors).")
@click.option("--max-file-size", type=int, default=5 * 1024 * 1024, show_default=True,
              help="Files larger than this many bytes are reported and skipped.")
@click.option("--allow-outside-root", is_flag=True,
              help="Read local module sources outside the repository.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for Terraform modules; 0 = all cores (small scans stay "
                   "serial). Output is identical whatever the value.")
@click.option("--no-cache", is_flag=True,
              help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(path_type=Path),
              help="Result cache directory (default: $XDG_CACHE_HOME/exitlint or "
                   "~/.cache/exitlint).")
@click.option("--show-approved", is_flag=True,
              help="Text: also list links an approved exit covers (JSON and SARIF always do).")
@click.option("--show-baselined", is_flag=True,
              help="Also list the findings --baseline hides (status baselined; never fail).")
@click.option("--inline-suppressions", "inline_suppressions", metavar="true|false|IDS",
              default=None, help="Override the policy's inline_suppressions: true, false, or "
                                 "the comma-separated check IDs that may be suppressed inline.")
@click.option("--today", "today", metavar="YYYY-MM-DD", default=None,
              help="The scan date for expiry dates (default: $EXITLINT_TODAY, else today); "
                   "the same input and date give the same report.")
@click.option("--quiet", "-q", is_flag=True, help="Only findings and the summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output (NO_COLOR works too).")
@click.option(PRE_COMMIT_FLAG, "pre_commit", is_flag=True, hidden=True,
              help="Set by the pre-commit hook's entry: file names are never options.")
def scan_cmd(paths: tuple[Path, ...], fmt: str | None, outputs: tuple[str, ...],
             plans: tuple[str, ...], stdin_kind: str | None, policy_path: Path | None,
             excludes: tuple[str, ...],
             var_files: tuple[Path, ...],
             variables: tuple[str, ...], fail_on: str, baseline_path: Path | None,
             write_baseline_path: Path | None, max_file_size: int, allow_outside_root: bool,
             jobs: int, no_cache: bool, cache_dir: Path | None, show_approved: bool,
             show_baselined: bool, inline_suppressions: str | None, today: str | None,
             quiet: bool, no_color: bool, pre_commit: bool) -> None:
    """Scan PATHS (files or directories; default: the current directory; '-': standard input)."""
    from .app import ScanOptions, UsageError, scan
    from .reporters import ReportOptions, get_reporter

    fmt = fmt or _default_format()
    # A committed file named like one of the users' hook `args:` (`--policy`) takes that
    # argument's place as a file name: scanned, but the run fails so nobody's options vanish.
    option_like = list(dict.fromkeys(str(p) for p in paths
                                     if pre_commit and _reads_as_option(scan_cmd, str(p))))
    targets = _parse_outputs(outputs)
    if any(f.startswith("register") for f in (fmt, *(t[0] for t in targets))):
        from .reporters.register import register_today

        try:
            register_today()  # EXITLINT_TODAY, when set, must be a date
        except ValueError as exc:
            _fail(str(exc))
    stdin_text: str | None = None
    plan_stdin: str | None = None
    plan_paths: list[Path] = []
    for p in plans:
        if p == "-":
            plan_stdin = sys.stdin.read()
        elif not Path(p).is_file():
            _fail(f"--plan {p} does not exist")
        else:
            plan_paths.append(Path(p))
    scan_paths = [p for p in paths if str(p) != "-"]
    terraform_stdin: str | None = None
    if len(scan_paths) != len(paths):
        if plan_stdin is not None:
            _fail("standard input can be read once: use either '-' or '--plan -'")
        stdin_text = sys.stdin.read()
        kind = stdin_kind or _stdin_kind(stdin_text)
        if kind == "kubernetes" and stdin_kind is not None:
            from .stdin_input import holds_kubernetes

            if not holds_kubernetes(stdin_text):
                _fail("standard input (--stdin-kind kubernetes) holds no Kubernetes object "
                      "(no apiVersion/kind)")
        if kind == "plan":
            plan_stdin, stdin_text = stdin_text, None
        elif kind == "terraform":
            terraform_stdin, stdin_text = stdin_text, None
    elif stdin_kind is not None:
        _fail("--stdin-kind describes standard input: add '-' to the paths")
    if not scan_paths and stdin_text is None and plan_stdin is None and not plan_paths \
            and terraform_stdin is None:
        scan_paths = [Path(".")]
    baseline_keys = None
    if baseline_path is not None:
        from .baseline import BaselineError, load_baseline

        try:
            baseline_keys = load_baseline(baseline_path)
        except BaselineError as exc:
            _fail(str(exc))
    options = ScanOptions(paths=scan_paths, policy_path=policy_path,
                          var_files=list(var_files), variables=list(variables),
                          max_file_size=max_file_size, allow_outside_root=allow_outside_root,
                          stdin_text=stdin_text, plan_paths=plan_paths, plan_stdin=plan_stdin,
                          jobs=jobs, use_cache=not no_cache, cache_dir=cache_dir,
                          exclude=list(excludes),
                          var_order=click.get_current_context().meta.get("exitlint.var_order", ()),
                          today=_scan_date(today),
                          inline_suppressions=_inline_switch(inline_suppressions))
    try:
        with _progress(not quiet and sys.stderr.isatty(), sys.stderr), \
                _stdin_module(terraform_stdin) as stdin_dir:
            if stdin_dir is not None:  # never cached: its directory is new every run
                options = replace(options, paths=[*scan_paths, stdin_dir], stdin_dir=stdin_dir,
                                  use_cache=False)
            result = scan(options)
    except UsageError as exc:
        _fail(str(exc))
    for name in option_like:
        _note(f"{name}: this file name reads as an exitlint option; it was scanned as a file, "
              "but rename it (a hook argument of that name would be lost)")
    if write_baseline_path is not None:
        from .baseline import write_baseline

        try:
            n = write_baseline(result, write_baseline_path)
        except OSError as exc:
            _fail(_cannot_write(write_baseline_path, exc))
        _note(f"wrote {n} baseline entries to {write_baseline_path}")
        sys.exit(EXIT_ERROR if result.errors or option_like else EXIT_OK)
    baselined = 0
    if baseline_keys is not None:
        from .baseline import apply_baseline

        result, baselined = apply_baseline(result, baseline_keys, show_baselined)
    colour = (fmt == "text" and not no_color and "NO_COLOR" not in os.environ
              and sys.stdout.isatty())
    opts = ReportOptions(colour=colour, quiet=quiet, baselined=baselined,
                         check_page=_check_page, show_approved=show_approved,
                         show_baselined=show_baselined)
    get_reporter(fmt)(result, sys.stdout, opts)
    sys.stdout.flush()
    unwritten = False
    for out_fmt, path in targets:
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                get_reporter(out_fmt)(result, fh, replace(opts, colour=False))
        except OSError as exc:  # the report on stdout stands; the other files are still written
            _note(_cannot_write(path, exc))
            unwritten = True
    failing = fail_on != "never" and any(
        not f.suppressed and f.severity.rank >= Severity(fail_on).rank for f in result.findings)
    if result.errors or unwritten or option_like:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


def _stdin_kind(text: str) -> str:
    from .stdin_input import StdinKindError, detect_kind

    try:
        return detect_kind(text)
    except StdinKindError as exc:
        _fail(str(exc))


@contextmanager
def _stdin_module(text: str | None) -> Iterator[Path | None]:
    """Terraform read from standard input, as a one-file module in a private temporary
    directory (removed afterwards); None when standard input is not Terraform."""
    if text is None:
        yield None
        return
    import tempfile

    from .stdin_input import terraform_file_name

    with tempfile.TemporaryDirectory(prefix="exitlint-stdin-") as tmp:
        directory = Path(tmp).resolve()
        (directory / terraform_file_name(text)).write_text(text, encoding="utf-8",
                                                            errors="surrogateescape")
        yield directory


def _scan_date(value: str | None) -> dt.date | None:
    """`--today`, else $EXITLINT_TODAY, else None (the app uses the local date)."""
    text = value if value is not None else os.environ.get("EXITLINT_TODAY") or None
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        source = "--today" if value is not None else "EXITLINT_TODAY"
        _fail(f"{source} {text!r} is not a date (YYYY-MM-DD)")


def _inline_switch(value: str | None) -> bool | frozenset[str] | None:
    """`--inline-suppressions true|false|XB101,XB102` as the policy field's value."""
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    parts = [p.strip() for p in value.split(",") if p.strip()]
    bad = [p for p in parts if not re.fullmatch(r"XB\d{3}", p.upper())]
    if bad or not parts:
        _fail(f"--inline-suppressions: {', '.join(bad) or repr(value)} is not true, false or a "
              "check ID")
    return frozenset(p.upper() for p in parts)


def _check_page(check: Check) -> str:
    """A check's documentation page, for SARIF rule help (docs loaded only when asked)."""
    from .docs import render_check_page

    return render_check_page(check)


def _note(message: str) -> None:
    """One line on stderr. Messages quote file names and input: shown escaped, never raw."""
    from .reporters import terminal_safe

    click.echo(f"exitlint: {terminal_safe(message)}", err=True)


def _fail(message: str) -> NoReturn:
    _note(message)
    sys.exit(EXIT_ERROR)


def _cannot_write(path: str | Path, exc: OSError) -> str:
    return f"cannot write {path}: {exc.strerror or exc}"


@cli.command("register")
@click.option("--csv", is_flag=True, help="CSV instead of Markdown.")
def register_cmd(csv: bool) -> None:
    """The register of cross-border links, approved or not (resource, both ends, carrier,
    approved exit, approval reference, expiry, days left): `exitlint register [--csv] [scan
    options] [PATHS]`, a scan with --format register-md (or register-csv) that exits 0 on
    findings. What a compliance owner hands to an auditor."""
    raise click.UsageError("exitlint register takes the scan's options and paths")  # parse_args


@cli.command("checks")
def checks_cmd() -> None:
    """List every check: ID, severity, title."""
    from .engine.catalog import load_checks

    for check in load_checks().checks.values():
        click.echo(f"{check.id}  {check.severity.value:<7}  {check.name}  {check.title}")


def _complete_check(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from .engine.catalog import load_checks

    return [cid for cid in load_checks().checks if cid.startswith(incomplete.upper())]


@cli.command("explain")
@click.argument("check_id", shell_complete=_complete_check)
def explain_cmd(check_id: str) -> None:
    """Explain one check: what it flags, why, examples, how to fix or approve it (the same page
    as docs/checks/XBnnn.md)."""
    from .docs import render_check_page
    from .engine.catalog import load_checks

    check = load_checks().get(check_id)
    if check is None:
        _fail(f"unknown check {check_id!r} (see `exitlint checks`)")
        return
    click.echo(render_check_page(check), nl=False)


@cli.command("docs")
@click.option("--write", "mode", flag_value="write", help="Regenerate the pages.")
@click.option("--check", "mode", flag_value="check",
              help="Exit 1 when the committed pages differ from freshly generated ones.")
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=None,
              help="Where the pages live [default: docs/checks of the source checkout].")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Source checkout with checks/ and examples/ [default: the one exitlint runs "
                   "from, else the current directory].")
def docs_cmd(mode: str | None, directory: Path | None, root: Path | None) -> None:
    """Generate docs/checks/XBnnn.md for every check and docs/checks/index.md."""
    from .docs import stale_pages, unfinished_checks, write_pages

    root = root or source_root()
    if root is None:
        _fail("run this in a source checkout (checks/ and examples/), or pass --root")
        return
    target = directory or root / "docs" / "checks"
    if mode == "write":
        from .provider_coverage import write as write_coverage

        changed = write_pages(target, root)
        coverage = write_coverage(root / "docs" / "coverage.md")
        click.echo(f"exitlint: {len(changed)} page(s) updated in {target}; {coverage} written",
                   err=True)
        return
    stale = stale_pages(target, root)
    for name in stale:
        click.echo(f"stale: {target / name}")
    unfinished = unfinished_checks(root)
    for rel in unfinished:
        click.echo(f"unfinished: {root / rel} (TODO left by `exitlint new-check`)")
    if stale:
        click.echo("exitlint: check pages are stale; run `exitlint docs --write`", err=True)
    if stale or unfinished:
        sys.exit(EXIT_FINDINGS)
    if mode != "check":
        click.echo(f"exitlint: {target} is up to date", err=True)


@cli.command("new-check")
@click.argument("check_id")
@click.option("--platform", type=click.Choice(PLATFORMS), required=True,
              help="Where the check looks: Terraform configuration or Kubernetes manifests.")
@click.option("--name", required=True, help="Kebab-case name, e.g. foreign-relay-tunnel.")
@click.option("--category", type=click.Choice(CATEGORIES), default=None,
              help="Check category [default: vpn for terraform, kubernetes for kubernetes].")
@click.option("--severity", type=click.Choice([s.value for s in Severity]), default="error",
              show_default=True)
@click.option("--provider", default="aws", show_default=True,
              help="Terraform: the examples go under examples/PROVIDER/.")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Source checkout to write into [default: the one exitlint runs from, else "
                   "the current directory].")
def new_check_cmd(check_id: str, platform: str, name: str, category: str | None, severity: str,
                  provider: str, root: Path | None) -> None:
    """Scaffold check CHECK_ID: its definition, a non-compliant and a compliant example and the
    findings expected from them, all with TODOs that `exitlint docs --check` reports until they
    are replaced. Never overwrites anything."""
    from .scaffold import NewCheck, ScaffoldError, write_check

    root = root or source_root()
    if root is None:
        _fail("run this in a source checkout (checks/ and examples/), or pass --root")
        return
    check = NewCheck(check_id.upper(), name, platform, category or DEFAULT_CATEGORY[platform],
                     severity, provider)
    try:
        written = write_check(root, check)
    except ScaffoldError as exc:
        _fail(str(exc))
    for rel in written:
        click.echo(rel)
    _note(f"scaffolded {check.id}: replace the TODOs, then run `exitlint docs --write`")


STARTER_POLICY = """\
# exitlint policy: https://github.com/exitlint/exitlint#policy-file
# Validated against schemas/policy.schema.json; `exitlint` finds this file in the current
# directory or its parents up to the git work tree root (or use --policy PATH).
version: 1

# Region for resources whose region cannot be resolved from the configuration: one region
# ID (used for the providers that know it, and for Kubernetes manifests), or one per provider.
# Names are checked against the provider catalogues.
# default_region: {aws: cn-north-1, alicloud: cn-shanghai}

# Where Kubernetes manifests are deployed (a mainland cluster is assumed otherwise).
# kubernetes:
#   region: cn-beijing
#   paths:
#     "clusters/hk/**": cn-hongkong

# Files never scanned, even when named on the command line or by pre-commit (the summary
# counts them). Paths relative to this file's directory, gitignore-like: `*` stays within a
# directory, `**` spans directories, a name without `/` matches at any depth, a directory
# excludes everything below it. `--exclude GLOB` adds patterns relative to the current directory.
# exclude:
#   - "legacy/**"
#   - "**/testdata/**"
#   - "*.auto.tfvars"

# Corporate address ranges known to be in mainland China, or outside it.
# domestic_cidrs: [198.51.100.0/24]
# foreign_cidrs: []

# Cross-border links you lease from China Telecom, China Unicom or China Mobile, with the
# approval reference. Past `expires` the exit stops counting and XB901 fires.
# approved_exits:
#   - id: cu-iplc-sha-fra
#     carrier: china-unicom          # china-telecom | china-unicom | china-mobile
#     managed_by: "BT China"         # optional: the licensed integrator that runs the line
#     approval: "CU-IPLC-2026-0042"
#     expires: 2027-06-30
#     match:                         # name the far end (peer_cidrs, regions or hosts)
#       resources: ["module.net.*"]
#       peer_cidrs: [192.0.2.0/24]
# expiry_warning_days: 30            # XB906 this many days before an exit expires
# inline_suppressions: true          # false, or the check IDs that may be suppressed inline

# Per-check severity, or switch a check off.
# checks:
#   XB601: {severity: error}
#   XB603: disabled

# What an end that cannot be resolved statically raises: error | warning | ignore.
unknown: warning
"""


@cli.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.argument("path", type=click.Path(path_type=Path), default=Path(".exitlint.yaml"))
def init_cmd(force: bool, path: Path) -> None:
    """Write a commented starter policy file (default: .exitlint.yaml)."""
    if path.exists() and not force:
        _fail(f"{path} already exists; not overwriting it (use --force)")
    try:
        path.write_text(STARTER_POLICY, encoding="utf-8")
    except OSError as exc:
        _fail(_cannot_write(path, exc))
    _note(f"wrote {path}")


def _quiet_stdout() -> None:
    """After a broken pipe: send what is left to /dev/null so the exit flush stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    try:
        rv = cli.main(args=argv, prog_name="exitlint", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_ERROR)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            click.echo("exitlint: interrupted", err=True)
            return EXIT_INTERRUPTED
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("\nexitlint: interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        from .reporters import terminal_safe

        # "No such option: <a file name>": the message quotes the command line
        exc.message = terminal_safe(exc.message)  # type: ignore[misc]
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_FINDINGS
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _quiet_stdout()
            return EXIT_FINDINGS
        raise
    return rv if isinstance(rv, int) else EXIT_OK
