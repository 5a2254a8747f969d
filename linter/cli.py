"""Command line (click). Thin: parse flags, call the app, pick the exit code (SPEC §6)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


class _DefaultScan(click.Group):
    """`exitlint PATHS...` scans; `exitlint checks` and `exitlint explain` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                          "--version")):
            args = ["scan", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultScan, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exitlint")
def cli() -> None:
    """Find Terraform configuration that opens cross-border links out of mainland China."""


def _parse_outputs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    from .reporters import FORMATS

    out = []
    for v in values:
        fmt, sep, path = v.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter(f"{v!r}: expected FORMAT=PATH with FORMAT one of "
                                     f"{', '.join(FORMATS)}", param_hint="--output")
        out.append((fmt, path))
    return out


@cli.command("scan")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format on standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write a report to a file (repeatable).")
@click.option("--policy", "policy_path", type=click.Path(path_type=Path),
              help="Policy file (default: nearest .exitlint.yaml or [tool.exitlint]).")
@click.option("--var-file", "var_files", multiple=True, type=click.Path(path_type=Path),
              help="Terraform variable file (repeatable).")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Terraform variable value (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              default="error", show_default=True, help="Lowest severity that makes exit 1.")
@click.option("--max-file-size", type=int, default=5 * 1024 * 1024, show_default=True,
              help="Files larger than this many bytes are reported and skipped.")
@click.option("--allow-outside-root", is_flag=True,
              help="Read local module sources outside the repository.")
@click.option("--quiet", "-q", is_flag=True, help="Only findings and the summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
def scan_cmd(paths: tuple[Path, ...], fmt: str, outputs: tuple[str, ...],
             policy_path: Path | None, var_files: tuple[Path, ...], variables: tuple[str, ...],
             fail_on: str, max_file_size: int, allow_outside_root: bool, quiet: bool,
             no_color: bool) -> None:
    """Scan PATHS (files or directories; default: the current directory)."""
    from .app import ScanOptions, UsageError, scan
    from .reporters import get_reporter

    targets = _parse_outputs(outputs)
    options = ScanOptions(paths=list(paths) or [Path(".")], policy_path=policy_path,
                          var_files=list(var_files), variables=list(variables),
                          max_file_size=max_file_size, allow_outside_root=allow_outside_root)
    try:
        result = scan(options)
    except UsageError as exc:
        click.echo(f"exitlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    colour = (fmt == "text" and not no_color and "NO_COLOR" not in os.environ
              and sys.stdout.isatty())
    get_reporter(fmt)(result, sys.stdout, {"colour": colour, "quiet": quiet})
    for out_fmt, path in targets:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            get_reporter(out_fmt)(result, fh, {"colour": False, "quiet": quiet})
    threshold = _RANK[fail_on]
    failing = any(not f.suppressed and f.severity.rank >= threshold for f in result.findings)
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


@cli.command("checks")
def checks_cmd() -> None:
    """List every check: ID, severity, title."""
    from .engine.catalog import load_checks

    for check in load_checks().checks.values():
        click.echo(f"{check.id}  {check.severity.value:<7}  {check.name}  {check.title}")


@cli.command("explain")
@click.argument("check_id")
def explain_cmd(check_id: str) -> None:
    """Explain one check: what it flags, why, examples, how to fix or approve it."""
    from .docs import render_check_page
    from .engine.catalog import load_checks

    check = load_checks().get(check_id)
    if check is None:
        click.echo(f"exitlint: unknown check {check_id!r} (see `exitlint checks`)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(render_check_page(check), nl=False)


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="exitlint", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_ERROR)
    except KeyboardInterrupt:
        return 130
    return 0
