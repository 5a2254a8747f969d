"""Module and resource instances: the evaluated view of a Terraform configuration."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fileio import read_bounded
from ..geo.computed import computes, echoes
from ..hcl import ast as A
from ..model import End, Origin
from ..records import dataclass
from ..repositories import Repositories
from ..suppressions import Suppression, attached, in_file
from . import provenance, regions
from .builtins.filesystem import list_files
from .completeness import EVALUATION_LIMIT, MODULE_UNAVAILABLE, LimitHit, record
from .expressions import Evaluator
from .observe import Recorder, recorded_files, recorded_source, recorded_text
from .source import Decl, ModuleSource
from .subjects import TerraformSubject
from .values import (
    LazyObj,
    ResourceRef,
    Unknown,
    first_unknown,
    limit_sink,
    report_limit,
    to_str,
)
from .var_types import typed

if TYPE_CHECKING:
    from ..geo.geography import Catalogue
    from ..policy import Policy

MAX_INSTANCES = 64  # per resource or module call; static addresses carry no instance key
MAX_MODULE_DEPTH = 16
MAX_FILE_READ = 1_000_000
_COMPUTED_ONLY = frozenset({"id", "arn", "self_link"})


@dataclass
class Limits:
    allowed_root: Repositories
    max_instances: int = MAX_INSTANCES


class Project:
    """Shared state of one scan: parsed directories, the evaluator, notes."""

    def __init__(self, load_dir: Callable[[Path], ModuleSource | None], limits: Limits,
                 recorder: Recorder | None = None,
                 display: Callable[[Path], str] | None = None) -> None:
        self._load_dir = load_dir
        # a path as the report shows it (relative to the scan's base): messages name files
        # through it, never by the absolute path `path.module` expands to
        self.display: Callable[[Path], str] = display or str
        self.recorder = recorder or Recorder()  # the reader's: what file() and sources saw
        self.limits = limits
        self.dirs: set[Path] = set()  # module directories this evaluation read
        self.evaluator = Evaluator()
        self.notes: list[tuple[str, int, str]] = []  # (file, line, message) of module problems
        # the tfvars / --var-file entry that set each root input (provenance.py reads it)
        self.input_origins: dict[str, Origin] = {}
        # Limits that stopped evaluation: each becomes a finding at the block that was cut
        # (completeness.Cut), never a silent drop (a note alone is hidden). One per kind and
        # block: the instances of a module called several times merge their messages.
        self.limit_hits: dict[tuple[str, str, int, str], LimitHit] = {}
        self._manifests: dict[Path, list[Any] | None] = {}

    def module_manifest(self, manifest: Path) -> list[Any] | None:
        """The `Modules` entries of `.terraform/modules/modules.json`, read once per project
        (every registry module call of a root asks for it); None when it resolves outside the
        repository (a symlinked manifest or `.terraform`), and never read then."""
        if manifest not in self._manifests:
            entries: list[Any] | None = None
            if self.inside(manifest):
                try:
                    # is_file: never open a FIFO (it would block) or a device
                    raw = (json.loads(manifest.read_text(encoding="utf-8")).get("Modules", [])
                           if manifest.is_file() else [])
                except (OSError, ValueError, AttributeError, RecursionError):
                    raw = []
                entries = raw if isinstance(raw, list) else []
            self._manifests[manifest] = entries
        return self._manifests[manifest]

    def limit(self, kind: str, decl: Decl, address: str, message: str) -> None:
        pos = decl.block.pos
        record(self.limit_hits, (kind, decl.file, pos.line, address),
               LimitHit(kind, decl.file, pos.line, pos.column, pos.end_line, address, message))

    def load_dir(self, directory: Path) -> ModuleSource | None:
        source = self._load_dir(directory)
        if source is not None:
            self.dirs.add(source.dir)
        return source

    def inside(self, path: Path) -> bool:
        try:
            return self.limits.allowed_root.holds(path.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            return False


class Scope:
    def __init__(self, module: ModuleInstance, names: dict[str, Any] | None = None) -> None:
        self.module = module
        self.names = names or {}

    def with_vars(self, values: dict[str, Any]) -> Scope:
        return Scope(self.module, {**self.names, **values})

    def relative_to_cwd(self, path: str) -> Path:
        """Terraform reads a relative path from its working directory, the root module's
        (`path.module` is how a module names its own files), not from the calling module's."""
        p = Path(path)
        return p if p.is_absolute() else self.module.root_module.source.dir / p

    @recorded_text
    def file_text(self, path: str) -> str | Unknown:
        p = self.relative_to_cwd(path)
        shown = self.module.project.display(p)
        if not self.module.project.inside(p):
            return Unknown(f"file {shown} is outside the scanned repository")
        data = read_regular(p, MAX_FILE_READ)
        if isinstance(data, str):
            return Unknown(f"file {shown} {data}")
        return data.decode("utf-8", "replace")

    @recorded_files
    def list_files(self, path: str) -> list[str] | Unknown:
        """fileset(): the regular files below `path`, inside the repository only."""
        return list_files(self.relative_to_cwd(path), self.module.project.inside)

    def root(self, name: str) -> Any:
        if name in self.names:
            return self.names[name]
        m = self.module
        if name == "var":
            return LazyObj(m.var, tuple(m.source.variables))
        if name == "local":
            return LazyObj(m.local, tuple(m.source.locals))
        if name == "module":
            return LazyObj(m.module_value, tuple(m.source.modules))
        if name in ("each", "count"):
            return Unknown(f"{name} is used outside a resource that sets it")
        if name == "path":
            return {"module": str(m.source.dir), "root": str(m.root_module.source.dir),
                    "cwd": str(m.root_module.source.dir)}
        if name == "terraform":
            return {"workspace": Unknown("terraform.workspace is chosen at run time")}
        if name == "data":
            return LazyObj(lambda t: LazyObj(lambda n: m.data_value(f"{t}.{n}"), ()), ())
        if name in m.resource_types:
            return LazyObj(lambda n: m.resource_value(f"{name}.{n}"), ())
        return Unknown(f"{name} is not a known reference")


def read_regular(path: Path, limit: int) -> bytes | str:
    """The bytes of a regular file of at most `limit` bytes, else why not. Opened without
    blocking and checked with fstat before reading: a FIFO named in file() hung the scan, and
    devices never end."""
    got = read_bounded(path, limit)
    if got.errno is not None:
        return "cannot be read"
    if not got.regular:
        return "is not a regular file"
    if got.size > limit or len(got.data) > limit:  # or it grew while being read
        return f"is larger than {limit} bytes"
    return got.data


def _memo_get(memo: dict[str, Any], busy: set[str], key: str, compute: Callable[[], Any]) -> Any:
    if key in memo:
        return memo[key]
    if key in busy:
        return Unknown(f"{key} refers to itself")
    busy.add(key)
    try:
        value = compute()
    finally:
        busy.discard(key)
    memo[key] = value
    return value


class BlockObj:
    """A nested block, its attributes evaluated lazily in the enclosing scope."""

    def __init__(self, body: A.Body, scope: Scope, address: str,
                 origin: tuple[Any, str] | None = None) -> None:
        self.body = body
        self.scope = scope
        self.address = address
        # the resource this block is nested in and the block path ("eip1."): an attribute the
        # provider computes in a nested block is a reference to that resource, not null
        self.origin = origin
        self._memo: dict[str, Any] = {}
        self._busy: set[str] = set()

    def get(self, name: str) -> Any:
        return _memo_get(self._memo, self._busy, name, lambda: self._compute(name))

    def _compute(self, name: str) -> Any:
        attr = self.body.attributes.get(name)
        if attr is not None:
            return self.scope.module.project.evaluator.evaluate(attr.expr, self.scope)
        nested = (self.origin[0], f"{self.origin[1]}{name}.") if self.origin else None
        blocks = nested_blocks(self.body, name, self.scope, self.address, nested)
        if blocks is not None:
            return blocks
        return self.missing(name)

    def missing(self, name: str) -> Any:
        if self.origin is not None and computes(self.origin[0], f"{self.origin[1]}{name}"):
            return ResourceRef(self.origin[0].address, f"{self.origin[1]}{name}", self.origin[0])
        return None

    def has(self, name: str) -> bool:
        return name in self.body.attributes or any(
            b.type == name or (b.type == "dynamic" and b.labels[:1] == (name,))
            for b in self.body.blocks)

    def keys(self) -> list[str]:
        return sorted({*self.body.attributes, *(b.type for b in self.body.blocks)})

    def attr_line(self, name: str) -> int | None:
        attr = self.body.attributes.get(name)
        if attr is not None:
            return attr.pos.line
        for b in self.body.blocks:
            if b.type == name or (b.type == "dynamic" and b.labels[:1] == (name,)):
                return b.pos.line
        return None


def nested_blocks(body: A.Body, name: str, scope: Scope, address: str,
                  origin: tuple[Any, str] | None = None) -> list[Any] | None:
    found: list[Any] = []
    seen = False
    for b in body.blocks:
        if b.type == name:
            seen = True
            found.append(BlockObj(b.body, scope, address, origin))
        elif b.type == "dynamic" and b.labels[:1] == (name,):
            seen = True
            found.extend(_dynamic(b, scope, address, origin))
    return found if seen else None


def _dynamic(block: A.Block, scope: Scope, address: str,
             origin: tuple[Any, str] | None = None) -> list[Any]:
    content = next((b for b in block.body.blocks if b.type == "content"), None)
    fe = block.body.attributes.get("for_each")
    if content is None or fe is None:
        return []
    iterator = block.labels[0]
    it_attr = block.body.attributes.get("iterator")
    if it_attr is not None and isinstance(it_attr.expr, A.Traversal):
        iterator = it_attr.expr.root
    coll = scope.module.project.evaluator.evaluate(fe.expr, scope)
    if isinstance(coll, dict):
        pairs = list(coll.items())
    elif isinstance(coll, list):
        pairs = list(enumerate(coll))
    else:
        u = first_unknown(coll) or Unknown("dynamic block for_each is not a collection")
        pairs = [(u, u)]
    limit = scope.module.project.limits.max_instances
    if len(pairs) > limit:
        report_limit(f"only the first {limit} of {len(pairs)} dynamic {block.labels[0]!r} blocks "
                     "were evaluated; the rest were not checked")
    return [BlockObj(content.body, scope.with_vars({iterator: {"key": k, "value": v}}), address,
                     origin)
            for k, v in pairs[:limit]]


class ResourceInstance(BlockObj, TerraformSubject):
    """One instance of a resource (or data source) block."""

    def __init__(self, module: ModuleInstance, decl: Decl, key: Any, scope: Scope,
                 mode: str = "resource") -> None:
        self.decl = decl
        self.module = module
        self.type, self.name = decl.block.labels[0], decl.block.labels[1]
        self.key = key
        self.mode = mode
        prefix = "data." if mode == "data" else ""
        super().__init__(decl.block.body, scope, f"{module.prefix}{prefix}{self.type}.{self.name}")
        if mode == "resource":
            self.origin = (self, "")

    def missing(self, name: str) -> Any:
        if self.mode == "data":
            if echoes(self, name):  # e.g. data.aws_region.current.name: where its provider is
                return ResourceRef(self.address, name, self)
            split = _documents(self, name)  # kubectl_file_documents: computed from its content
            if split is not None:
                return split
            return Unknown(f"data.{self.type}.{self.name}.{name} is read from the provider")
        # Not configured: computed by the provider, known only after apply.
        return ResourceRef(self.address, name, self)

    @property
    def file(self) -> str:
        return self.decl.file

    @property
    def line(self) -> int:
        return self.decl.block.pos.line

    @property
    def end_line(self) -> int:
        return self.decl.block.pos.end_line

    # -- the Subject protocol (linter/subject.py; values: subjects.TerraformSubject) -------
    @property
    def column(self) -> int:
        return self.decl.block.pos.column

    @property
    def root(self) -> str:
        return self.module.root_module.source.rel

    @property
    def instance(self) -> str:
        return f"{self.module.instance_prefix}{self.address[len(self.module.prefix):]}" \
            f"{instance_key(self.key)}"

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        return attached(self.decl.comments, self.line, self.end_line) + \
            self.module.call_suppressions()

    def _limit(self, message: str) -> None:
        """A limit met while a check reads this resource is reported on it."""
        self.module.project.limit(EVALUATION_LIMIT, self.decl, self.address,
                                  f"{self.address}: {message}")

    def follow(self, path: str, types: tuple[str, ...]) -> ResourceInstance | None:
        with limit_sink(self._limit):
            return regions.follow(self, path, types)

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[ResourceInstance]:
        for other in self.peers(types):
            refs = [v for v, _ in other.values(path)]
            if any(isinstance(v, ResourceRef) and v.target is self for v in refs):
                yield other

    def peers(self, types: tuple[str, ...]) -> Iterator[ResourceInstance]:
        wanted = set(types)
        for module in self.module.root_module.walk():
            for key in sorted(module.source.resources):
                if key.split(".", 1)[0] in wanted:
                    yield from module.resource_instances(key)

    def configuration(self) -> object:
        return self.module.root_module

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        return regions.resource_region(self, catalogue, policy)

    def binding(self) -> regions.HclBinding | None:
        return regions.binding(self)

    def origins(self, path: str) -> tuple[Origin, ...]:
        return provenance.origins(self, path)


def _documents(inst: ResourceInstance, name: str) -> Any:
    """An output of a data source that splits a YAML text into documents (deployers.yaml
    `documents`), computed as the provider computes it; None for any other attribute."""
    from .deployers import deployers
    from .manifest_yaml import file_documents

    spec = deployers().documents.get(inst.type)
    if spec is None or name not in (spec.get("documents"), spec.get("manifests")):
        return None
    return file_documents(inst.get(spec["content"]),
                          "documents" if name == spec.get("documents") else "manifests")


class ModuleInstance:
    def __init__(self, project: Project, source: ModuleSource, names: tuple[str, ...],
                 parent: ModuleInstance | None, call: Decl | None, call_scope: Scope | None,
                 inputs: dict[str, Any] | None = None, chain: tuple[Path, ...] = (),
                 key: Any = None) -> None:
        self.key = key  # count index or for_each key of this instance, None without either
        self.project = project
        self.source = source
        self.names = names
        self.parent = parent
        self.call = call
        self.call_scope = call_scope
        self.inputs = inputs or {}
        self.chain = (*chain, source.dir)
        self.prefix = "".join(f"module.{n}." for n in names)
        # the same with instance keys, as Terraform prints an instance's address
        self.instance_prefix: str = (
            f"{parent.instance_prefix}module.{names[-1]}{instance_key(key)}."
            if parent is not None and names else "")
        self.root_module: ModuleInstance = parent.root_module if parent else self
        self.resource_types = {k.split(".", 1)[0] for k in source.resources}
        self._memo: dict[str, Any] = {}
        self._busy: set[str] = set()
        self._children: dict[str, list[ModuleInstance] | Unknown] = {}

    def call_suppressions(self) -> tuple[Suppression, ...]:
        """Suppression comments on the `module` blocks that lead to this instance: they cover
        the findings inside the modules called through those calls only."""
        out: tuple[Suppression, ...] = ()
        module: ModuleInstance | None = self
        while module is not None and module.call is not None:
            pos = module.call.block.pos
            out += in_file(attached(module.call.comments, pos.line, pos.end_line),
                           module.call.file)
            module = module.parent
        return out

    # -- values -------------------------------------------------------------
    def scope(self) -> Scope:
        return Scope(self)

    def _eval(self, expr: A.Expr, scope: Scope | None = None) -> Any:
        return self.project.evaluator.evaluate(expr, scope or self.scope())

    def var(self, name: str) -> Any:
        return _memo_get(self._memo, self._busy, f"var.{name}", lambda: self._var(name))

    def _var(self, name: str) -> Any:
        decl = self.source.variables.get(name)  # its type constraint applies (var_types)
        return typed(self._var_value(name), decl.block.body if decl else None, self._eval)

    def _var_value(self, name: str) -> Any:
        decl = self.source.variables.get(name)
        if self.call is not None and self.call_scope is not None:
            given = self.call.block.body.attributes.get(name)
            if given is not None:
                return self._eval(given.expr, self.call_scope)
        elif name in self.inputs:
            return self.inputs[name]
        if decl is None:
            return Unknown(f"var.{name} is not declared")
        default = decl.block.body.attributes.get("default")
        if default is not None:
            return self._eval(default.expr)
        where = (f"module.{self.names[-1]} does not set input {name!r}" if self.call
                 else "no default and no value in tfvars, --var-file or --var")
        return Unknown(f"var.{name} has {where}" if not self.call else where)

    def local(self, name: str) -> Any:
        return _memo_get(self._memo, self._busy, f"local.{name}", lambda: self._local(name))

    def _local(self, name: str) -> Any:
        found = self.source.locals.get(name)
        if found is None:
            return Unknown(f"local.{name} is not defined")
        return self._eval(found[0].expr)

    def output(self, name: str) -> Any:
        return _memo_get(self._memo, self._busy, f"output.{name}", lambda: self._output(name))

    def _output(self, name: str) -> Any:
        decl = self.source.outputs.get(name)
        if decl is None or "value" not in decl.block.body.attributes:
            return Unknown(f"{self.prefix}output {name} is not defined")
        return self._eval(decl.block.body.attributes["value"].expr)

    def module_value(self, name: str) -> Any:
        children = self.children(name)
        if isinstance(children, Unknown):
            return children
        objs = [LazyObj(c.output, tuple(c.source.outputs)) for c in children]
        decl = self.source.modules.get(name)
        if decl is not None and ("count" in decl.block.body.attributes):
            return objs
        if decl is not None and ("for_each" in decl.block.body.attributes):
            return {str(c.key): o for c, o in zip(children, objs, strict=True)}
        return objs[0] if objs else Unknown(f"module.{name} has no instance")

    def resource_value(self, key: str) -> Any:
        decl = self.source.resources.get(key)
        if decl is None:
            return Unknown(f"{self.prefix}{key} is not declared")
        instances = self.resource_instances(key)
        body = decl.block.body.attributes
        if "count" in body:
            return list(instances)
        if "for_each" in body:
            out = {}
            for inst in instances:
                k = to_str(inst.key)
                if isinstance(k, Unknown):
                    return ResourceRef(f"{self.prefix}{key}", "*", inst)
                out[k] = inst
            return out
        return instances[0] if instances else Unknown(f"{self.prefix}{key} has no instance")

    def data_value(self, key: str) -> Any:
        decl = self.source.data.get(key)
        if decl is None:
            return Unknown(f"data.{key} is not declared")
        return _memo_get(self._memo, self._busy, f"data.{key}",
                         lambda: self._data(key, decl))

    def _data(self, key: str, decl: Decl) -> Any:
        """A data source: one instance, or, for the data sources whose outputs are computed
        statically (deployers.yaml `documents`) with `count`/`for_each`, each of its instances
        as a resource's are."""
        from .deployers import deployers

        body = decl.block.body.attributes
        meta = "count" if "count" in body else "for_each" if "for_each" in body else None
        if meta is None or key.split(".", 1)[0] not in deployers().documents:
            return ResourceInstance(self, decl, None, self.scope(), "data")
        instances = [ResourceInstance(self, decl, k, self.scope().with_vars(names), "data")
                     for k, names in expand(self, decl, self.scope(), f"{self.prefix}data.{key}")]
        if meta == "count":
            return instances
        out: dict[str, Any] = {}
        for inst in instances:
            k = to_str(inst.key)
            if isinstance(k, Unknown):
                return Unknown(f"data.{key}: the keys of its for_each are unknown ({k.reason})")
            out[k] = inst
        return out

    def resource_instances(self, key: str) -> list[ResourceInstance]:
        return _memo_get(self._memo, self._busy, f"instances.{key}",  # type: ignore[no-any-return]
                         lambda: self._expand(key)) or []

    def _expand(self, key: str) -> list[ResourceInstance]:
        decl = self.source.resources[key]
        out: list[ResourceInstance] = []
        for k, names in expand(self, decl, self.scope(), f"{self.prefix}{key}"):
            out.append(ResourceInstance(self, decl, k, self.scope().with_vars(names)))
        return out

    # -- tree -----------------------------------------------------------------
    def children(self, name: str) -> list[ModuleInstance] | Unknown:
        if name not in self._children:
            self._children[name] = self._load_child(name)
        return self._children[name]

    def _load_child(self, name: str) -> list[ModuleInstance] | Unknown:
        decl = self.source.modules.get(name)
        if decl is None:
            return Unknown(f"module.{name} is not declared")
        src_attr = decl.block.body.attributes.get("source")
        src = src_attr.expr.value if src_attr and isinstance(src_attr.expr, A.Literal) else None
        # Everything below a module call that cannot be read goes unchecked: each such stop is
        # a finding at the call (module unavailable, or the depth limit), not a note alone.
        if not isinstance(src, str):
            return self._unread(decl, name, "its source is not a literal string")
        directory = self._resolve_source(name, src)
        if isinstance(directory, Unknown):
            return self._unread(decl, name, directory.reason, src)
        if len(self.chain) > MAX_MODULE_DEPTH:  # the chain holds the root too
            return self._unread(decl, name, f"modules nested deeper than {MAX_MODULE_DEPTH} are "
                                "not evaluated", src, kind=EVALUATION_LIMIT)
        if directory in self.chain:
            # Terraform refuses such a cycle itself; the module was evaluated once already.
            return self._note(decl, f"module.{name} sources {src!r}, which includes itself")
        source = self.project.load_dir(directory)
        if source is None:
            return self._unread(decl, name, f"no Terraform files in {src!r}", src)
        out = []
        for key, names in expand(self, decl, self.scope(), f"{self.prefix}module.{name}"):
            out.append(ModuleInstance(self.project, source, (*self.names, name), self, decl,
                                      self.scope().with_vars(names), chain=self.chain, key=key))
        return out

    def _note(self, decl: Decl, message: str) -> Unknown:
        self.project.notes.append((decl.file, decl.block.pos.line, message))
        return Unknown(message)

    def _unread(self, decl: Decl, name: str, why: str, src: str | None = None,
                kind: str = MODULE_UNAVAILABLE) -> Unknown:
        """A module call whose content is not evaluated: a warning finding at the call."""
        address = f"{self.prefix}module.{name}"
        if kind == EVALUATION_LIMIT:
            hint = "flatten the module nesting"
        elif src is not None and not src.startswith(("./", "../")) and src not in (".", ".."):
            hint = ("run `terraform init` before scanning so that .terraform/modules holds it, "
                    "or vendor the module into the repository")
        else:
            hint = "give a local source path inside the repository"
        self.project.limit(kind, decl, address,
                           f"{address}: {why}; the resources inside were not checked ({hint})")
        return Unknown(f"module.{name}: {why}")

    @recorded_source
    def _resolve_source(self, name: str, src: str) -> Path | Unknown:
        if src.startswith(("./", "../")) or src in (".", ".."):
            try:
                target = (self.source.dir / src).resolve()
            except (OSError, RuntimeError):  # a symlink loop
                return Unknown(f"source {src!r} cannot be resolved (a symlink loop)")
            if not self.project.inside(target):
                return Unknown(f"source {src!r} is outside the repository "
                               "(use --allow-outside-root to read it)")
            return target
        # Registry, git and other remote sources: only what `terraform init` left behind.
        manifest = self.root_module.source.dir / ".terraform" / "modules" / "modules.json"
        key = ".".join((*self.names, name))
        entries = self.project.module_manifest(manifest)
        if entries is None:  # a symlinked manifest or .terraform
            return Unknown(f"source {src!r}: .terraform/modules/modules.json resolves outside "
                           "the repository (or not at all); not read")
        for entry in entries:
            if isinstance(entry, dict) and entry.get("Key") == key and entry.get("Dir"):
                return self._manifest_dir(src, str(entry["Dir"]))
        return Unknown(f"source {src!r} is not available locally (never downloaded)")

    def _manifest_dir(self, src: str, rel: str) -> Path | Unknown:
        """A `Dir` of modules.json, read only inside the repository: the manifest is a file in
        the scanned tree, so an absolute, `../..` or symlinked `Dir` would read (and report)
        Terraform files from anywhere on the machine."""
        try:
            target = (self.root_module.source.dir / rel).resolve()
        except (OSError, RuntimeError, ValueError):  # a loop, a NUL byte
            return Unknown(f"source {src!r}: module directory {rel[:80]!r} cannot be resolved")
        if not self.project.inside(target):
            return Unknown(f"source {src!r}: module directory {rel[:80]!r} (from "
                           ".terraform/modules/modules.json) is outside the repository; not "
                           "read (use --allow-outside-root to read it)")
        return target

    def walk(self) -> Iterator[ModuleInstance]:
        yield self
        for name in sorted(self.source.modules):
            children = self.children(name)
            if isinstance(children, list):
                for child in children:
                    yield from child.walk()

    def all_resources(self) -> Iterator[ResourceInstance]:
        for key in sorted(self.source.resources):
            yield from self.resource_instances(key)

    # -- providers --------------------------------------------------------------
    def provider(self, key: str) -> tuple[ModuleInstance, Decl] | None:
        """The provider configuration `key` ("aws" or "aws.hk") resolves to, if any."""
        decl = self.source.providers.get(key)
        if decl is not None and (self.parent is None or not regions.is_proxy_block(decl.block)):
            return self, decl  # a child's proxy block stands for the caller's configuration
        if self.parent is None or self.call is None:
            return None
        mapping = self.call.block.body.attributes.get("providers")
        if mapping is not None and isinstance(mapping.expr, A.ObjectExpr):
            for k, v in mapping.expr.items:
                local_key = _traversal_key(k)
                if local_key == key:
                    parent_key = _traversal_key(v)
                    return self.parent.provider(parent_key) if parent_key else None
        if "." not in key:
            return self.parent.provider(key)  # default configurations are inherited
        return None


def instance_key(key: Any) -> str:
    """`[0]`, `["a"]`: an instance key as Terraform prints it; "" without one."""
    if key is None or isinstance(key, (Unknown, ResourceRef)):
        return ""
    if isinstance(key, bool):
        return f"[{json.dumps(key)}]"
    return f"[{key}]" if isinstance(key, int) else f"[{json.dumps(str(key))}]"


def _traversal_key(expr: A.Expr) -> str | None:
    if isinstance(expr, A.Literal) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, A.Traversal):
        parts = [expr.root] + [s.name for s in expr.steps if isinstance(s, A.GetAttr)]
        return ".".join(parts)
    return None


def expand(module: ModuleInstance, decl: Decl, scope: Scope,
           address: str) -> list[tuple[Any, dict[str, Any]]]:
    """The instance keys of a block with `count` or `for_each`, and the names each one sees.
    Instances beyond the limit are not evaluated, and the block gets an evaluation-limit cut."""
    body = decl.block.body
    limit = module.project.limits.max_instances

    def cut(total: int, what: str) -> None:
        if total > limit:
            module.project.limit(EVALUATION_LIMIT, decl, address,
                                 f"{address}: only the first {limit} of {total} {what} instances "
                                 "were evaluated; the rest were not checked")

    count = body.attributes.get("count")
    if count is not None:
        n = module.project.evaluator.evaluate(count.expr, scope)
        if isinstance(n, bool):
            n = int(n)
        if isinstance(n, float) and not math.isfinite(n):
            n = Unknown("count is not a finite number")
        if isinstance(n, (int, float)):
            cut(int(n), "count")
            return [(i, {"count": {"index": i}}) for i in range(min(int(n), limit))]
        u = first_unknown(n) or Unknown("count is not a number")
        return [(None, {"count": {"index": u}})]
    for_each = body.attributes.get("for_each")
    if for_each is not None:
        coll = module.project.evaluator.evaluate(for_each.expr, scope)
        if isinstance(coll, dict):
            items = sorted(coll.items())
        elif isinstance(coll, list):
            items = [(v, v) for v in coll]
        else:
            u = first_unknown(coll) or Unknown("for_each is not a map or set")
            return [(None, {"each": {"key": u, "value": u}})]
        cut(len(items), "for_each")
        return [(k, {"each": {"key": k, "value": v}}) for k, v in items[:limit]]
    return [(None, {})]
