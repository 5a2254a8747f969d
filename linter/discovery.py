"""Which files a scan reads: walk the given paths, never follow links out of loops."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .terraform.source import is_terraform, is_tfvars

SKIP_DIRS = frozenset({".git", ".terraform", ".terragrunt-cache", "node_modules", "vendor",
                       "__pycache__", ".venv", ".tox"})


@dataclass
class Discovered:
    terraform: list[Path] = field(default_factory=list)  # .tf and .tf.json files
    tfvars: list[Path] = field(default_factory=list)
    other: list[Path] = field(default_factory=list)  # YAML/JSON candidates (Kubernetes)
    explicit: set[Path] = field(default_factory=set)  # files named on the command line
    missing: list[Path] = field(default_factory=list)


def _classify(path: Path, found: Discovered) -> None:
    name = path.name
    if is_terraform(name):
        found.terraform.append(path)
    elif is_tfvars(name):
        found.tfvars.append(path)
    elif name.endswith((".yaml", ".yml", ".json")):
        found.other.append(path)


def discover(paths: list[Path]) -> Discovered:
    found = Discovered()
    for given in (Path(os.path.abspath(p)) for p in paths):
        if given.is_file() or (given.exists() and not given.is_dir()):
            found.explicit.add(given)
            _classify(given, found)
            continue
        if not given.is_dir():
            found.missing.append(given)
            continue
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            try:
                st = os.stat(dirpath)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen:
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(filenames):
                _classify(Path(dirpath, name), found)
    for bucket in (found.terraform, found.tfvars, found.other):
        bucket[:] = sorted(set(bucket))
    return found
