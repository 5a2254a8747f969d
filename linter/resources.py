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
