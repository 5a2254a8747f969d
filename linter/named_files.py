"""Files named on the command line (the pre-commit hook passes the staged files), evaluated in
context (SPEC §9 Report).

A staged file rarely holds the finding it causes: a tfvars value, a variable default or a module
argument moves a link located in a resource block elsewhere, and a ConfigMap holds the server
address of a tunnel whose Deployment is in another file. So the scan is widened to what gives
the named files their meaning, and the report keeps every finding located in a named file or
whose chain of origins (`Finding.related`) passes through one:

- Terraform: each named `.tf`/`.tfvars` file's directory is evaluated through every root module
  of its git work tree whose module closure holds that directory (a shared module through all
  its callers), else as a root of its own. Only those roots and what they call are evaluated;
  finding the roots costs one walk of the work tree and a regex over its Terraform files.
- Kubernetes: a named manifest that declares a ConfigMap or Secret brings in the manifests
  below its policy root (the nearest directory holding a policy file, `pyproject.toml` or `.git`)
  that mount or read ConfigMaps or Secrets (they mention `configMap`, `secretName`, `secretRef`
  or `secretKeyRef`) and mention one of its names, at most MAX_MANIFESTS of them, so that their
  workloads' findings can be traced to the named file. Finding them reads the candidates' bytes;
  only those are parsed.

Files added for context are evaluated but never reported on their own: their findings need a
chain through a named file, and their read errors are not shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .discovery import POLICY_MARKERS, Discovered, discover, git_root, terraform_by_dir
from .model import Finding
from .records import dataclass
from .terraform.instances import read_regular
from .terraform.scan import module_calls, module_closure, roots_of
from .terraform.source import is_terraform, is_tfvars

MAX_MANIFESTS = 1000  # context manifests per policy root, in path order
_CONFIG_KIND = re.compile(rb"""["']?kind["']?\s*:\s*["']?(?:ConfigMap|Secret)\b""")
_CONFIG_USE = (b"configMap", b"secretName", b"secretRef", b"secretKeyRef")
_DOCUMENT = re.compile(rb"(?m)^---")
_NAME = re.compile(rb"""(?<![-\w])["']?name["']?\s*:\s*["']?([A-Za-z0-9][-A-Za-z0-9_.]*)""")


@dataclass(frozen=True)
class Widened:
    """What a scan of named files reads besides them."""

    given: frozenset[Path]  # the files as given: named, or found under named directories
    added: frozenset[Path]  # files read only for context


def widen(found: Discovered, allow_outside: bool, max_size: int) -> Widened:
    """Add the context of the named files to `found` (in place) and say what was added."""
    given = frozenset({*found.terraform, *found.tfvars, *found.other, *found.explicit})
    named = sorted(found.explicit)
    tf_dirs = {p.parent for p in named if is_terraform(p.name) or is_tfvars(p.name)}
    added_tf = _terraform_context(tf_dirs, allow_outside) - given
    manifests = [p for p in named if p in found.other]
    added_k8s = _kubernetes_context(manifests, allow_outside, max_size) - given
    found.terraform = sorted({*found.terraform, *added_tf})
    found.other = sorted({*found.other, *added_k8s})
    return Widened(given, frozenset(added_tf | added_k8s))


def passes_through(finding: Finding, files: set[str]) -> bool:
    """Whether one of the places the finding's values came from is in `files` (display
    paths)."""
    return any(origin.file in files for origin in finding.related)


# -- Terraform ------------------------------------------------------------------------------
def _terraform_context(named_dirs: set[Path], allow_outside: bool) -> set[Path]:
    """The Terraform files of every module directory evaluated when the roots whose closure
    holds a named directory are: those roots and everything they call, in each work tree.
    Worked out on strings: this runs over the whole work tree on every commit."""
    by_tree: dict[Path, set[str]] = {}
    for directory in named_dirs:
        tree = git_root(directory)
        if tree is not None:  # outside a work tree, the directory alone is its context
            by_tree.setdefault(tree, set()).add(os.path.abspath(directory))
    out: set[Path] = set()
    for tree, dirs in sorted(by_tree.items()):
        files_by_dir = terraform_by_dir(tree, allow_outside)
        calls = {d: module_calls(d, files) for d, files in files_by_dir.items()}
        for root in roots_of(sorted(files_by_dir, key=lambda d: d.split(os.sep)), calls):
            closure = module_closure(root, calls)
            if closure & dirs:
                out.update(Path(p) for d in closure for p in files_by_dir.get(d, ()))
    return out


# -- Kubernetes -----------------------------------------------------------------------------
def _read(path: Path, max_size: int) -> bytes:
    """The bytes of a regular file within the size limit, else nothing (never blocks on a FIFO
    that replaced a file since the walk; a file over the limit is not scanned anyway)."""
    data = read_regular(path, max_size)
    return data if isinstance(data, bytes) else b""


def config_names(text: bytes) -> set[bytes]:
    """Names in the documents of a manifest that declare a ConfigMap or Secret: every `name:`
    value there (the object's own among them), so that a workload referring to one of them
    mentions it. A superset is harmless: it only widens the context."""
    names: set[bytes] = set()
    for doc in _DOCUMENT.split(text):
        if _CONFIG_KIND.search(doc):
            names.update(_NAME.findall(doc))
    return names


def _policy_root(directory: Path) -> Path:
    """The nearest directory at or above `directory` holding a policy file, pyproject.toml or
    .git (where policy discovery stops), else `directory` itself."""
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in POLICY_MARKERS):
            return candidate
    return directory


def _kubernetes_context(named: Iterable[Path], allow_outside: bool,
                        max_size: int) -> set[Path]:
    """Manifests below each named ConfigMap's policy root that mount or read a ConfigMap or
    Secret and mention one of the named files' ConfigMap/Secret names."""
    names_by_top: dict[Path, set[bytes]] = {}
    for path in named:
        names = config_names(_read(path, max_size))
        if names:
            names_by_top.setdefault(_policy_root(path.parent), set()).update(names)
    out: set[Path] = set()
    for top, names in sorted(names_by_top.items()):
        users: list[Path] = []
        for candidate in discover([top], allow_outside).other if top.is_dir() else []:
            if len(users) >= MAX_MANIFESTS:
                break
            text = _read(candidate, max_size)
            if any(t in text for t in _CONFIG_USE) and any(n in text for n in names):
                users.append(candidate)
        out.update(users)
    return out
