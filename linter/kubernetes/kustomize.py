"""Kustomize directories: checked for anything that would reach the network or run code, then
rendered with `kustomize build` or `kubectl kustomize` from PATH.

Before rendering, each kustomization and every local base or component it uses is read: remote
resources (URLs, git references), `helmCharts`, and `generators`/`transformers`/`validators`
(plugins, KRM functions) refuse the whole overlay with a warning; nothing is downloaded or run.
Every path it reads must lie in the repository. The renderer runs with a time limit, proxies
pointing nowhere and the repository as its working directory, on a temporary kustomization
outside the repository that includes the overlay and asks for origin annotations, so each
rendered object leads back to the file it came from. The user's files are never written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .. import data_files, lazy_re
from ..model import Origin
from ..observations import digest
from ..records import dataclass
from . import render_cache
from .render_cache import RenderInputs
from .rendered import Rendered, align

# shutil, subprocess, tempfile and textwrap are imported where a kustomization is rendered:
# every Kubernetes scan imports this module, and they cost it ~8 ms at start-up.
if TYPE_CHECKING:
    import subprocess

KUSTOMIZE_ENV = "EXITLINT_KUSTOMIZE"  # "off": behave as if no renderer were on PATH
NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
RENDER_TIMEOUT = 60.0
_REMOTE = lazy_re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|github\.com/|gitlab\.com/|bitbucket\.org/)"
                          r"|\?ref=|\.git(?:$|[/?])|//", re.I)
_NETWORK_KEYS = ("helmCharts", "helmGlobals", "helmChartInflationGenerator")
_PLUGIN_KEYS = ("generators", "transformers", "validators")
_FILE_LISTS = ("patchesStrategicMerge", "crds", "configurations")


def renderer() -> list[str] | None:
    """The command that renders a kustomization directory, if one is on PATH."""
    if os.environ.get(KUSTOMIZE_ENV, "").lower() in ("off", "0", "no", "false"):
        return None
    import shutil  # see the imports

    found = shutil.which("kustomize")
    if found:
        return [found, "build"]
    found = shutil.which("kubectl")
    return [found, "kustomize"] if found else None


@dataclass
class Kustomization:
    dir: Path
    file: Path
    text: str = ""
    dirs: list[Path] = field(default_factory=list)  # local bases and components it uses
    files: list[Path] = field(default_factory=list)  # local files it reads
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, why it is refused)
    component: bool = False  # `kind: Component`: rendered only through the overlays using it
    refs: list[str] = field(default_factory=list)  # every string in it (a path it may read)
    token: str = ""  # render_cache.file_token of the bytes read (what `dirs` and `files` rest on)


def kustomization_file(directory: Path) -> Path | None:
    for name in NAMES:
        if (directory / name).is_file():
            return directory / name
    return None


def _line(text: str, needle: str) -> int:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 1


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def read(file: Path, root: Path) -> Kustomization:
    """One kustomization: what it uses, and why it must not be rendered (if it must not)."""
    k = Kustomization(file.parent, file)
    try:
        raw = file.read_bytes()
        k.token = json.dumps([os.path.realpath(file), digest(raw)])
        k.text = raw.decode("utf-8-sig")
        data = data_files.load(k.text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        k.problems.append((1, f"cannot be read ({type(exc).__name__})"))
        return k
    if not isinstance(data, dict):
        return k
    k.refs = _scalars(data)
    k.component = data.get("kind") == "Component"
    for key in _NETWORK_KEYS:
        if data.get(key):
            k.problems.append((_line(k.text, key), f"`{key}` would download or run Helm"))
    for key in _PLUGIN_KEYS:
        if data.get(key):
            k.problems.append((_line(k.text, key), f"`{key}` may run plugins or KRM functions"))
    refs = (_strings(data.get("resources")) + _strings(data.get("bases"))
            + _strings(data.get("components")))
    for ref in refs:
        if _REMOTE.search(ref):
            k.problems.append((_line(k.text, ref), f"remote resource {ref!r} would be "
                                                   "downloaded"))
            continue
        target = (k.dir / ref).resolve()
        if not target.is_relative_to(root):
            k.problems.append((_line(k.text, ref), f"{ref!r} is outside the repository"))
        elif target.is_dir():
            k.dirs.append(target)
        else:
            k.files.append(target)
    paths: list[str] = []
    for key in _FILE_LISTS:
        paths += [p for p in _strings(data.get(key)) if "\n" not in p]
    for key in ("patches", "patchesJson6902", "replacements"):
        for item in _items(data.get(key)):
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                paths.append(item["path"])
    for key in ("configMapGenerator", "secretGenerator"):
        for gen in _items(data.get(key)):
            if not isinstance(gen, dict):
                continue
            for f in _strings(gen.get("files")):
                paths.append(f.split("=", 1)[-1])
            paths += _strings(gen.get("envs")) + _strings(gen.get("env"))
    for p in paths:
        target = (k.dir / p).resolve()
        if target.is_relative_to(root):
            k.files.append(target)
        else:
            k.problems.append((_line(k.text, p), f"{p!r} is outside the repository"))
    return k


def _scalars(data: Any) -> list[str]:
    out: list[str] = []
    todo = [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, str):
            out.append(node)
    return out


def observed(k: Kustomization) -> list[tuple[str, str]]:
    """What kustomize and the pre-check read for `k` (render_cache observations): its
    directory's listing (which kustomization file it finds), the file itself, and every path
    a string in it can name from its directory (a resource, patch, generator file...) with
    what that path holds now, a directory's listing too."""
    keys = [(render_cache.DIR, str(k.dir)), (render_cache.FILE, str(k.file))]
    seen: set[str] = set()
    for ref in k.refs:
        for name in {ref, ref.split("=", 1)[-1]}:
            if not name or "\n" in name or "\0" in name or len(name) > 4096 or "://" in name:
                continue
            path = os.path.normpath(os.path.join(k.dir, name))
            if path in seen:
                continue
            seen.add(path)
            keys.append((render_cache.FILE, path))
            if os.path.isdir(path):
                keys.append((render_cache.DIR, path))
    return keys


def observe(k: Kustomization, inputs: RenderInputs) -> list[tuple[str, str]]:
    """`observed(k)`, taken in `inputs`; a kustomization changed since `read` saw it spoils
    them (what was decided from it is not kept)."""
    keys = observed(k)
    for key in keys:
        token = inputs.take(*key)
        if key == (render_cache.FILE, str(k.file)) and token != k.token:
            inputs.spoil()
    return keys


@dataclass
class Overlay:
    """A kustomization to render, with everything it uses (transitively)."""

    root: Kustomization
    files: set[Path] = field(default_factory=set)
    problems: list[tuple[Path, int, str]] = field(default_factory=list)
    parts: list[Kustomization] = field(default_factory=list)  # the root, its bases, components


def closure(root: Kustomization, repo: Path, cache: dict[Path, Kustomization]) -> Overlay:
    out = Overlay(root)
    todo = [root]
    seen: set[Path] = set()
    while todo:
        k = todo.pop()
        if k.dir in seen:
            continue
        seen.add(k.dir)
        out.parts.append(k)
        out.files.add(k.file)
        out.files.update(k.files)
        out.problems += [(k.file, line, msg) for line, msg in k.problems]
        for d in k.dirs:
            f = kustomization_file(d)
            if f is None:
                continue
            if d not in cache:
                cache[d] = read(f, repo)
            todo.append(cache[d])
    return out


@dataclass
class Output:
    """What the renderer printed for one overlay, or why it failed (kept between scans,
    render_cache.py)."""

    stdout: str = ""
    tmp: str = ""  # the temporary directory its origin paths are relative to
    error: str = ""


def _build(command: list[str], tmp: str, repo: Path, env: dict[str, str]
           ) -> subprocess.CompletedProcess[bytes]:
    """One renderer process (tests count the calls)."""
    import subprocess  # see the imports

    # every file it reads was checked to be in the repository (read): files beside the
    # overlay's own directory (`../app.yaml`) load as `kustomize` users pass them
    return subprocess.run([*command, "--load-restrictor", "LoadRestrictionsNone", tmp],
                          capture_output=True, timeout=RENDER_TIMEOUT,
                          cwd=str(repo), env=env, check=False)


def _run(overlay: Overlay, command: list[str], repo: Path, limit: int) -> tuple[Output, bool]:
    """The renderer's output, and whether it may be kept (not a time limit or a failure to
    start it)."""
    import subprocess  # see the imports
    import tempfile

    with tempfile.TemporaryDirectory(prefix="exitlint-kustomize-") as tmp:
        rel = os.path.relpath(overlay.root.dir, tmp)
        Path(tmp, "kustomization.yaml").write_text(
            f"resources: [{rel!r}]\nbuildMetadata: [originAnnotations]\n", encoding="utf-8")
        env = dict(os.environ, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
                   http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9",
                   NO_PROXY="", GIT_ALLOW_PROTOCOL="file", GIT_TERMINAL_PROMPT="0")
        try:
            proc = _build(command, tmp, repo, env)
        except subprocess.TimeoutExpired:
            return Output(error=f"the renderer took longer than {RENDER_TIMEOUT:g} s"), False
        except OSError as exc:
            return Output(error=f"the renderer could not be run ({exc.strerror or exc})"), False
        if proc.returncode != 0:
            return Output(error=f"the renderer failed: {_reason(proc.stderr, tmp)}"), True
        if len(proc.stdout) > limit:
            return Output(error=f"rendered output is over the {limit:,}-byte limit"), True
        return Output(proc.stdout.decode("utf-8", "replace"), tmp), True


def render(overlay: Overlay, command: list[str], repo: Path, display: Callable[[Path], str],
           limit: int, inputs: RenderInputs | None = None) -> tuple[list[Rendered], str | None]:
    """The overlay's objects, each pointing at the file it came from; or why it failed. The
    renderer's output is reused when the overlay's files, the request and the renderer are
    unchanged (`inputs`, render_cache.py)."""
    import tempfile  # see the imports

    inputs = inputs if inputs is not None else RenderInputs()
    keys = [key for k in overlay.parts for key in observe(k, inputs)]
    request = json.dumps([command, str(overlay.root.dir), str(repo), tempfile.gettempdir(),
                          limit])
    out = inputs.render("kustomize", keys, request, Output,
                        lambda: _run(overlay, command, repo, limit))
    if out.error:
        text = _shown_paths(out.error, repo, display)
        return [], text if len(text) <= 240 else "..." + text[-240:]
    return _documents(out.stdout, Path(out.tmp), overlay, display), None


def _shown_paths(text: str, repo: Path, display: Callable[[Path], str]) -> str:
    """The renderer's message with the repository's absolute paths shown as the report shows
    files (relative to the scan)."""
    pattern = re.escape(str(repo)) + r"(?:/[^\s'\",:\]]*)?"
    return re.sub(pattern, lambda m: display(Path(m.group(0))), text)


_KLOG = lazy_re.compile(r'^[EWI]\d{4} [\d:.]+\s+\d+ \S+\] (?:"command failed" err=)?')


def _reason(stderr: bytes, tmp: str) -> str:
    """The renderer's error without its log prefix; the innermost cause (at the end) kept."""
    # klog wraps a multi-line error in `err=< ... >`: the closing `>` alone says nothing
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and line != ">"]
    text = _KLOG.sub("", lines[-1] if lines else "no message").strip('"').lstrip("`: ")
    return text.replace(os.path.relpath("/", tmp).rstrip("/") + "/", "/")


_DOC = lazy_re.compile(r"(?m)^---[ \t]*$\n?")


def _documents(text: str, tmp: Path, overlay: Overlay,
               display: Callable[[Path], str]) -> list[Rendered]:
    out: list[Rendered] = []
    texts: dict[Path, str] = {}
    root = display(overlay.root.file)
    images = [(m.group(1), overlay.root.text.count("\n", 0, m.start()) + 1)
              for m in _NEW_NAME.finditer(overlay.root.text)]
    for doc in _DOC.split(text):
        if not doc.strip():
            continue
        data = _head(doc)
        source, generator = _origin(data, tmp, overlay)
        if source not in texts:
            try:
                texts[source] = source.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                texts[source] = ""
        src = texts[source]
        lines, cols = align(doc, src, _start(src, data, generator))
        via = tuple(Origin(root, line, f"kustomization image {name}") for name, line in images
                    if name in doc)
        if source != overlay.root.file:
            via += (Origin(root, 1, f"rendered by kustomization {display(overlay.root.dir)}"),)
        out.append(Rendered(source, display(source), doc, lines, cols,
                            via=f"kustomization {root}", always=via))
    return out


_NEW_NAME = lazy_re.compile(r"(?m)^\s*-?\s*newName:[ \t]*[\"']?([^\s\"'#]+)")
_KIND = lazy_re.compile(r"(?m)^kind:[ \t]*[\"']?([^\s\"']+)")
_METADATA = lazy_re.compile(r"(?m)^metadata:[ \t]*\n((?:(?:[ \t]+.*)?\n)*)")
_NAME = lazy_re.compile(r"(?m)^  name:[ \t]*[\"']?([^\s\"']+)")
_ORIGIN = lazy_re.compile(r"(?m)^    config\.kubernetes\.io/origin:[ \t]*\|-?\n((?:      .*\n)+)")


def _head(doc: str) -> dict[str, Any]:
    """Kind, name and origin annotation of one rendered object, read from the renderer's
    normalised layout without parsing the whole document (CRDs are large)."""
    import textwrap  # see the imports

    kind = _KIND.search(doc)
    meta = _METADATA.search(doc if doc.endswith("\n") else doc + "\n")
    block = meta.group(1) if meta else ""
    name = _NAME.search(block)
    origin = _ORIGIN.search(block)
    annotations = {"config.kubernetes.io/origin": textwrap.dedent(origin.group(1))} \
        if origin else {}
    return {"kind": kind.group(1) if kind else "",
            "metadata": {"name": name.group(1) if name else "", "annotations": annotations}}


def _origin(data: Any, tmp: Path, overlay: Overlay) -> tuple[Path, str | None]:
    """The source file of one rendered object and, for a generated one, its generator's name."""
    try:
        raw = data["metadata"]["annotations"]["config.kubernetes.io/origin"]
        origin = data_files.load(raw)
    except (KeyError, TypeError, yaml.YAMLError):
        return overlay.root.file, None
    if isinstance(origin, dict):
        if isinstance(origin.get("path"), str):
            return (tmp / origin["path"]).resolve(), None
        if isinstance(origin.get("configuredIn"), str):
            name = str(((data or {}).get("metadata") or {}).get("name") or "")
            return (tmp / origin["configuredIn"]).resolve(), re.sub(r"-[a-z0-9]{10}$", "", name)
    return overlay.root.file, None


def _start(source: str, data: Any, generator: str | None) -> int:
    """Where in its source file a rendered object starts: the generator's `name:` entry, or
    the document with the object's kind and name."""
    if generator:
        m = re.search(r"(?m)^\s*-?\s*name:\s*[\"']?" + re.escape(generator) + r"[\"']?\s*$",
                      source)
        return source.count("\n", 0, m.start()) + 1 if m else 1
    try:
        kind = str(data["kind"])
        name = str(data["metadata"]["name"])
    except (KeyError, TypeError):
        return 1
    pos = 0
    for chunk in re.split(r"(?m)^(?=---)", source):
        if re.search(r"(?m)^kind:\s*[\"']?" + re.escape(kind) + r"\b", chunk) and \
                re.search(r"(?m)^\s+name:\s*[\"']?[^\s\"']*" + re.escape(name.split("-")[-1]),
                          chunk):
            return source.count("\n", 0, pos) + 1
        pos += len(chunk)
    return 1
