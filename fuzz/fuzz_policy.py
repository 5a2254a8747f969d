"""atheris: the policy loader: a Policy or a PolicyError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from exitlint.policy import PolicyError, load_policy

import contextlib

from _common import run

PATH = Path(tempfile.mkdtemp(prefix="exitlint-fuzz-")) / ".exitlint.yaml"


def target(data: bytes) -> None:
    PATH.write_bytes(data)
    with contextlib.suppress(PolicyError):
        load_policy(PATH)


if __name__ == "__main__":
    run(target)
