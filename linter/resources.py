"""Locate the bundled check catalogue and schemas, installed or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def data_root() -> Path:
    installed = _HERE / "_data"
    if (installed / "checks").is_dir():
        return installed
    return _HERE.parent  # source checkout or editable install: checks/ sits beside linter/


def checks_dir() -> Path:
    return data_root() / "checks"


def schemas_dir() -> Path:
    return data_root() / "schemas"


def source_root() -> Path | None:
    """The source checkout (checks/ and examples/): beside the package, else the current
    directory. Where `docs --write`, `new-check` and the coverage table write."""
    for candidate in (_HERE.parent, Path.cwd()):
        if (candidate / "checks").is_dir() and (candidate / "examples").is_dir():
            return candidate
    return None
