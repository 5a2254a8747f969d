"""Which files a scan reads: walk the given paths, never follow links out of loops."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import field
from pathlib import Path

from .policy import POLICY_NAMES
from .records import dataclass
from .repositories import Repositories
from .terraform.source import is_terraform, is_tfvars

POLICY_MARKERS = frozenset({*POLICY_NAMES, "pyproject.toml", ".git"})
SKIP_DIRS = frozenset({".git", ".terraform", ".terragrunt-cache", "node_modules", "vendor",
                       "__pycache__", ".venv", ".tox"})


@dataclass
class Discovered:
    terraform: list[Path] = field(default_factory=list)  # .tf and .tf.json files
    tfvars: list[Path] = field(default_factory=list)
    other: list[Path] = field(default_factory=list)  # YAML/JSON candidates (Kubernetes)
    explicit: set[Path] = field(default_factory=set)  # files named on the command line
    missing: list[Path] = field(default_factory=list)
    # Candidates (by name) that are not regular files: FIFOs, sockets, devices. Opening a FIFO
    # blocks until a writer comes, so they are never handed to a reader; the scan should report
    # each one ("not a regular file; skipped") rather than read it.
    irregular: list[Path] = field(default_factory=list)
    # Candidates that are symlinks to files outside the repository (see `outside_root`): not
    # read, so a pull request cannot make the scan print pieces of /etc/passwd or ~/.aws in its
    # error messages. The scan should report each one.
    outside: list[Path] = field(default_factory=list)
    # Directories the walk listed, and those of them holding a policy file, a pyproject.toml or
    # .git: the nearest policy of every other listed directory is its parent's, found without
    # another system call.
    walked: set[Path] = field(default_factory=set)
    marked: set[Path] = field(default_factory=set)
    tops: set[Path] = field(default_factory=set)  # the directories named (they may be symlinks)


def git_root(path: Path) -> Path | None:
    """The enclosing git work tree of `path`, if any."""
    d = Path(os.path.abspath(path))
    for candidate in (d, *d.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def work_tree_root(directory: Path) -> Path:
    """The enclosing git work tree of `directory`, else the current directory."""
    return git_root(directory) or Path.cwd().resolve()


def outside_root(path: Path, root: Repositories | None = None) -> bool:
    """True when `path` is a symlink whose target lies outside `root` (default: the work tree
    that holds the link)."""
    try:
        if not path.is_symlink():
            return False
        target = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the reader reports it as unreadable
        return False
    if root is not None:
        return not root.holds(target)
    return not target.is_relative_to(work_tree_root(path.parent).resolve())


def _candidate(name: str) -> bool:
    return is_terraform(name) or is_tfvars(name) or name.endswith((".yaml", ".yml", ".json"))


def _regular(path: Path) -> bool:
    """True for a regular file (through symlinks). A dangling symlink counts as regular here so
    that the reader reports it as unreadable."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _classify(path: Path, found: Discovered, allow_outside: bool = False) -> None:
    name = path.name
    if _candidate(name) and not _regular(path):
        found.irregular.append(path)
        return
    if _candidate(name) and not allow_outside and path not in found.explicit and \
            outside_root(path):
        found.outside.append(path)
        return
    if is_terraform(name):
        found.terraform.append(path)
    elif is_tfvars(name):
        found.tfvars.append(path)
    elif name.endswith((".yaml", ".yml", ".json")):
        found.other.append(path)
    elif name.endswith(".tpl") and path in found.explicit:
        # a chart's helpers named alone (the pre-commit hook): its chart is rendered and the
        # findings of its output are reported (kubernetes/render.py); never found by walking
        found.other.append(path)


def _descends(name: str) -> bool:
    """Whether a walk enters a subdirectory (the same rule for every walk of the tree)."""
    return name not in SKIP_DIRS and not name.startswith(".")


def _tree(top: str, ordered: bool) -> Iterator[tuple[str, list[str], list[os.DirEntry[str]]]]:
    """Each directory below `top`, depth-first without following directory symlinks (so no
    loops) and without the skipped ones: its path, the names in it, and its entries that are not
    directories (`ordered`: by name, and the directories in path order)."""
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name) if ordered else list(it)
        except OSError:
            continue
        subdirs: list[str] = []
        others: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if _descends(entry.name):
                        subdirs.append(entry.path)
                    continue
            except OSError:
                continue
            others.append(entry)
        yield directory, [e.name for e in entries], others
        stack.extend(reversed(subdirs))


def _walk(top: str, found: Discovered, allow_outside: bool) -> None:
    """The candidates below `top`. os.scandir's cached entry types spare a stat call per plain
    file: on a warm run of a large repository, discovery is most of the time."""
    for directory, names, entries in _tree(top, ordered=True):
        found.walked.add(Path(directory))
        if any(name in POLICY_MARKERS for name in names):
            found.marked.add(Path(directory))
        for entry in entries:
            name = entry.name
            if not _candidate(name):
                continue
            try:
                plain = entry.is_file(follow_symlinks=False)  # regular file: no stat needed
            except OSError:
                continue
            if plain:
                _add(Path(entry.path), name, found)
            else:
                _classify(Path(entry.path), found, allow_outside)  # symlinks, FIFOs, devices


def _add(path: Path, name: str, found: Discovered) -> None:
    if is_terraform(name):
        found.terraform.append(path)
    elif is_tfvars(name):
        found.tfvars.append(path)
    else:
        found.other.append(path)


def terraform_by_dir(top: Path, allow_outside: bool = False) -> dict[str, list[str]]:
    """The Terraform files below `top` that `discover([top], allow_outside)` would find, as
    strings grouped by directory, in no particular order. The pre-commit hook's widening reads
    only their module sources; a Path per file and per directory cost it more than that."""
    out: dict[str, list[str]] = {}
    for directory, _, entries in _tree(os.path.abspath(top), ordered=False):
        for entry in entries:
            if not is_terraform(entry.name):
                continue
            try:
                plain = entry.is_file(follow_symlinks=False)
            except OSError:
                continue
            if not plain:  # links and special files: as discover() classifies them
                found = Discovered()
                _classify(Path(entry.path), found, allow_outside)
                if not found.terraform:
                    continue
            out.setdefault(directory, []).append(entry.path)
    return out


def path_order(path: Path) -> tuple[str, ...]:
    """Path's own order (its parts), without pathlib's per-comparison cost: a large tree sorts
    tens of thousands of paths."""
    return path.parts


def discover(paths: list[Path], allow_outside: bool = False) -> Discovered:
    found = Discovered()
    for given in (Path(os.path.abspath(p)) for p in paths):
        if given.is_file() or (given.exists() and not given.is_dir()):
            found.explicit.add(given)
            _classify(given, found, allow_outside)
            continue
        if not given.is_dir():
            found.missing.append(given)
            continue
        found.tops.add(given)
        _walk(str(given), found, allow_outside)
    for bucket in (found.terraform, found.tfvars, found.other, found.irregular,
                   found.outside):
        bucket[:] = sorted(set(bucket), key=path_order)
    return found
