"""What renders read, and renderer output kept between scans.

A chart's or overlay's rendered output depends on the files the renderer reads, the request it
gets (values, release name, namespace, output limit) and the renderer itself. `RenderInputs`
takes an observation of each (a key and a token, as linter/observations.py) before a render:

- ("k8s-tree", dir): every name below the directory with its type and every file's content hash
  (symlinks followed, loops named): a chart with its subcharts, templates and helpers;
- ("k8s-file", path): where the path resolves and the hash of its content, or why there is none
  (missing, a directory): values files, the files a kustomization names, a `Chart.yaml`;
- ("dir", dir): a directory's listing (the result cache replays it generically): a
  kustomization directory, where kustomize looks for `kustomization.yaml`;
- ("k8s-renderer", "helm" | "kustomize"): which renderer would run (none, helm-python-sdk's
  version and files, the kustomize or kubectl binary found on PATH);
- ("k8s-repo", [start, common]): the repository the renders are confined to.

The output of one render is kept (linter/cache.py ResultCache under the kind "renders", with its
guarantees: the user's 0700 directory, atomic writes, checksums, size cap, type-checked load)
under a hash of the request and of those tokens, and only when every token taken again after
the render is unchanged. The same observations, kept with the Kubernetes front end's result,
make that result reusable only while they all hold (`replay`). A render that failed for a
reason outside its inputs (a time limit, a crashed renderer) is kept nowhere.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..cache import ResultCache
from ..fileio import read_bounded
from ..hashes import blake2b, sha256
from ..observations import CONFLICT, Key, digest, dir_token

TREE = "k8s-tree"
FILE = "k8s-file"
DIR = "dir"
RENDERER = "k8s-renderer"
REPO = "k8s-repo"
KINDS = (TREE, FILE, RENDERER, REPO)  # replayed here (DIR by the result cache itself)

MAX_TREE_FILES = 20_000  # a larger tree is never keyed: its renders are not kept
MAX_TREE_BYTES = 256 * 1024 * 1024
MAX_FILE = 64 * 1024 * 1024

T = TypeVar("T")


# -- tokens ------------------------------------------------------------------------------------
def _content(path: str) -> str | None:
    """Hash of a regular file's bytes (symlinks followed), `!errno`, or None when too large."""
    got = read_bounded(path, MAX_FILE)
    if got.errno is not None:
        return f"!{got.errno}"
    if not stat.S_ISREG(got.mode or 0):
        return "!irregular"
    if got.size > MAX_FILE or len(got.data) != got.size:
        return None
    return digest(got.data)


def file_token(path: str) -> str:
    """Where `path` resolves and what it holds: content hash, `!missing`, `!dir`..."""
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except (OSError, ValueError):
        return json.dumps([path, "!missing"])
    if stat.S_ISDIR(st.st_mode):
        return json.dumps([real, "!dir"])
    content = _content(real)
    return CONFLICT if content is None else json.dumps([real, content])


def tree_token(directory: str) -> str:
    """Every name below `directory` (symlinks followed, each real directory once) with its type,
    and every file's content hash; CONFLICT (never kept) when the tree is too large."""
    try:
        real = os.path.realpath(directory)
        if not stat.S_ISDIR(os.stat(real).st_mode):
            return json.dumps([real, "!notdir"])
    except (OSError, ValueError):
        return json.dumps([directory, "!missing"])
    h = blake2b(digest_size=20)
    h.update(real.encode("utf-8", "surrogateescape"))
    visited = {real}
    files = size = 0
    stack = [("", real)]
    while stack:
        rel, path = stack.pop()
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            h.update(f"\0{rel}:!{exc.errno}".encode("utf-8", "surrogateescape"))
            continue
        subdirs: list[tuple[str, str]] = []
        for e in entries:
            name = f"{rel}/{e.name}"
            try:
                st = os.stat(e.path)  # follows a symlink, as renderers do
                link = e.is_symlink()
            except OSError:
                h.update(f"\0{name}:dangling".encode("utf-8", "surrogateescape"))
                continue
            if stat.S_ISDIR(st.st_mode):
                target = os.path.realpath(e.path)
                if target in visited:
                    h.update(f"\0{name}:loop:{target}".encode("utf-8", "surrogateescape"))
                    continue
                visited.add(target)
                h.update(f"\0{name}:d{'l' if link else ''}".encode("utf-8", "surrogateescape"))
                subdirs.append((name, target))
                continue
            files += 1
            size += st.st_size
            if files > MAX_TREE_FILES or size > MAX_TREE_BYTES:
                return CONFLICT
            content = _content(e.path) if stat.S_ISREG(st.st_mode) else "!irregular"
            if content is None:
                return CONFLICT
            h.update(f"\0{name}:f{'l' if link else ''}:{content}"
                     .encode("utf-8", "surrogateescape"))
        stack.extend(reversed(subdirs))
    return json.dumps([real, h.hexdigest()])


def _stat_id(path: str) -> list[Any]:
    try:
        st = os.stat(path)
    except OSError as exc:
        return [path, f"!{exc.errno}"]
    return [path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def helm_identity() -> str:
    """helm-python-sdk as the worker would load it (or `absent`): version and its files."""
    from importlib import metadata  # costs ~35 ms to import: only when a chart is rendered

    from . import helm

    if not helm.renderer_available():
        return "absent"
    spec = importlib.util.find_spec("helm_python")
    try:
        version = metadata.version("helm-python-sdk")
    except metadata.PackageNotFoundError:
        version = "-"
    files: list[Any] = []
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        for directory, dirs, names in os.walk(location):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            files += [_stat_id(os.path.join(directory, n)) for n in sorted(names)]
    import sys

    return json.dumps([version, sys.executable, files])


def kustomize_identity() -> str:
    """The kustomize command found on PATH (or `absent`): its binary, as it is on disk."""
    from . import kustomize

    command = kustomize.renderer()
    if command is None:
        return "absent"
    return json.dumps([command, _stat_id(os.path.realpath(command[0]))])


@functools.cache  # once per process and binary: the renderer's own words about its version
def _version(command: tuple[str, ...], ident: str) -> str:
    import subprocess  # only with a renderer: ~4 ms at start-up of every Kubernetes scan

    args = [command[0], "version"] + (["--client"] if command[1] == "kustomize" else [])
    try:
        proc = subprocess.run(args, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return "?"
    return proc.stdout.decode("utf-8", "replace").strip()


def renderer_version(name: str) -> str:
    """The renderer's identity for a render's key: its files, and for a binary its `version`."""
    if name != "kustomize":
        return helm_identity()
    from . import kustomize

    ident = kustomize_identity()
    command = kustomize.renderer()
    return ident if command is None else ident + "|" + _version(tuple(command), ident)


def repo_token(arg: str) -> str:
    from .render import repo_of

    start, common = json.loads(arg)
    return str(repo_of(Path(start), Path(common)))


def replay(kind: str, arg: str) -> str:
    """An observation taken now (the result cache calls it for the kinds in KINDS)."""
    if kind == TREE:
        return tree_token(arg)
    if kind == FILE:
        return file_token(arg)
    if kind == DIR:
        return dir_token(Path(arg))[1]
    if kind == RENDERER:
        return helm_identity() if arg == "helm" else kustomize_identity()
    if kind == REPO:
        return repo_token(arg)
    return "!unknown observation"


# -- one scan's renders ---------------------------------------------------------------------------
class RenderInputs:
    """The observations of one Kubernetes scan's renders, and the store of renderer output
    (None: nothing kept, e.g. --no-cache)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.seen: dict[Key, str] = {}
        self.kept = True  # False: a render failed for a reason outside its inputs
        self._store = ResultCache(directory, "kubernetes-renders") if directory else None
        self._lock = threading.Lock()  # renders run a few at a time, in threads

    def take(self, kind: str, arg: str) -> str:
        """The observation, taken once per scan (overlays share bases): a file that changes
        later in the scan is seen by the checks after each render and after the scan."""
        old = self.seen.get((kind, arg))
        if old is not None:
            return old
        token = replay(kind, arg)
        with self._lock:
            self.seen.setdefault((kind, arg), token)
            return self.seen[(kind, arg)]

    def spoil(self) -> None:
        """Something was read before it was observed and has changed since: keep nothing."""
        with self._lock:
            self.kept = False

    def observations(self) -> dict[Key, str] | None:
        """What the renders rested on, when all of it can be kept and still holds now."""
        if not self.kept or any(t == CONFLICT for t in self.seen.values()):
            return None
        if any(replay(*key) != token for key, token in self.seen.items()):
            return None  # a file changed while it was rendered
        return dict(self.seen)

    def render(self, renderer: str, keys: list[Key], request: str, tp: type[T],
               run: Callable[[], tuple[T, bool]]) -> T:
        """run() (it returns the output and whether it may be kept), or the output kept from
        an earlier render with the same request, renderer and inputs (`keys`' tokens)."""
        tokens = [self.take(RENDERER, renderer)] + [self.take(*k) for k in keys]
        name = None
        if self._store is not None and CONFLICT not in tokens:
            name = sha256(json.dumps(
                [renderer_version(renderer), request, [list(k) for k in keys], tokens[1:]]
            ).encode("utf-8", "surrogatepass")).hexdigest()
            hit = self._store.load("renders", name, tp)
            if hit is not None:
                return hit
        result, keep = run()
        if not keep:
            self.spoil()
        elif self.kept and name is not None and self._store is not None and \
                [replay(RENDERER, renderer)] + [replay(*k) for k in keys] == tokens:
            self._store.store("renders", name, result)
        return result
