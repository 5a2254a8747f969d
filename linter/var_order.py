"""Terraform's order for command-line variables: `-var-file` and `-var` apply in the order they
are given, a later one winning (a `--var` before a `--var-file` that sets the same name loses
to it). The CLI records the order of the two options' occurrences (`kinds`); `ordered` pairs
that order with the values of each option."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FILE, VAR = "file", "var"


def kinds(args: Sequence[str]) -> tuple[str, ...]:
    """The kind of each --var-file / --var occurrence in a command line, in order (options
    end at `--`; an option's separate value is skipped)."""
    out: list[str] = []
    skip = False
    for token in args:
        if skip:
            skip = False
            continue
        if token == "--":
            break
        for name, kind in (("--var-file", FILE), ("--var", VAR)):
            if token == name or token.startswith(name + "="):
                out.append(kind)
                skip = token == name
                break
    return tuple(out)


def ordered(var_files: Sequence[Path], variables: Sequence[str],
            order: Sequence[str]) -> list[tuple[str, Path | str]]:
    """(FILE, path) and (VAR, NAME=VALUE) in command-line order. Without a usable order (the
    counts differ: options given by a caller other than the CLI), files first, then values."""
    if (sum(k == FILE for k in order) != len(var_files)
            or sum(k == VAR for k in order) != len(variables) or len(order) != len(var_files)
            + len(variables)):
        return [*((FILE, p) for p in var_files), *((VAR, v) for v in variables)]
    files, values = iter(var_files), iter(variables)
    return [(FILE, next(files)) if k == FILE else (VAR, next(values)) for k in order]
