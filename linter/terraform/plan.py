"""Terraform plan JSON (`terraform show -json plan.out`): the same checks on planned values.

Mirrors the JSON output format 1.x of Terraform 1.1 and later (`format_version` "1.0" to "1.2";
OpenTofu writes the same). Read:

- `planned_values` (root module and `child_modules`): every managed resource instance, with its
  full address including instance keys (`module.net["a"].aws_vpn_connection.hq["x"]`);
- `resource_changes[].change.after_unknown`: values known only after apply become `Unknown`;
  where the configuration says such a value refers to another resource
  (`customer_gateway_id = aws_customer_gateway.office.id`), it becomes a reference the checks
  follow, like in a static scan, through module outputs and arguments too (plan_refs.py), so an
  address or region another resource computes is where that resource is;
- `configuration.provider_config` and each resource's `provider_config_key`: the provider
  configuration, hence the region, a resource is bound to (`constant_value`, or `var.NAME`
  resolved from the plan's `variables` and module call arguments);
- `configuration` module calls with a local `source`: where each module's `.tf` files are, read
  with the one HCL reader (`loader.FileReader`), so a finding points at the resource block in the
  `.tf` file next to the plan and the suppression comments there apply, those on `module`
  blocks to the findings inside the modules they call (with the same hygiene findings as a
  source scan); otherwise at line 1 of the plan file, and no comment applies (a plan holds none).

`PlanResource` implements the Subject protocol (linter/subject.py) itself, and its provider
binding reads the plan's provider configuration directly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import End, Origin, ResourceRef, ScanError, Unknown
from ..records import dataclass
from ..subject import FrontEndContext, PartResult, Subject
from ..suppressions import Suppression, attached, in_file, parse_suppression
from . import regions
from .completeness import EVALUATION_LIMIT, Cut, LimitHit, record
from .files import FileReader
from .manifests import NOT_READ, expand
from .plan_refs import PlanTracer, Tracer, merge, references
from .source import Decl, ModuleSource
from .subjects import TerraformSubject

if TYPE_CHECKING:
    from ..geo.geography import Catalogue
    from ..policy import Policy

STDIN_NAME = "<stdin>"
MAX_MODULE_DEPTH = 32
MAX_RESOURCES = 100_000


def looks_like_plan(text: str) -> bool:
    """Cheap content test before parsing: a `terraform show -json` plan document."""
    head = text[:4096]
    return '"format_version"' in text and ('"planned_values"' in text or
                                           '"resource_changes"' in text) and \
        head.lstrip().startswith("{")


def is_plan(doc: Any) -> bool:
    return isinstance(doc, dict) and "format_version" in doc and (
        "planned_values" in doc or "resource_changes" in doc)


def strip_keys(address: str) -> str:
    """`module.a["x"].aws_vpc.b[0]` -> `module.a.aws_vpc.b` (quoted keys may hold brackets)."""
    out: list[str] = []
    depth, quoted, escaped = 0, False, False
    for ch in address:
        if depth:
            if quoted:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    quoted = False
            elif ch == '"':
                quoted = True
            elif ch == "]":
                depth -= 1
            continue
        if ch == "[":
            depth = 1
            continue
        out.append(ch)
    return "".join(out)


# -- the resources the engine evaluates ----------------------------------------------------
class PlanModule:
    """One module instance of the plan (the root, or `module.net["a"]`)."""

    def __init__(self, plan: Plan, address: str, parent: PlanModule | None) -> None:
        self.plan = plan
        self.address = address
        self.prefix = f"{address}." if address else ""
        self.parent = parent
        self.children: list[PlanModule] = []
        self.instances: dict[str, list[PlanResource]] = {}
        self._call_sups: tuple[Suppression, ...] | None = None

    def walk(self) -> Iterator[PlanModule]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_resources(self) -> Iterator[PlanResource]:
        for key in sorted(self.instances):
            yield from self.instances[key]

    def resource_instances(self, key: str) -> list[PlanResource]:
        return self.instances.get(key, [])

    def call_suppressions(self) -> tuple[Suppression, ...]:
        """Suppression comments on the `module` blocks that lead to this module instance, read
        from the caller's `.tf` file beside the plan: they cover the findings inside the module
        called through those calls only, as on source. The caller's file is enough: the called
        module's own files need not be local (a registry module's resources are in the plan)."""
        out: tuple[Suppression, ...] = ()
        module: PlanModule | None = self
        while module is not None and module.parent is not None:
            call = strip_keys(module.address).rsplit(".", 1)[-1]
            source = self.plan.module_dir(strip_keys(module.parent.address))
            decl = source.modules.get(call) if source is not None else None
            if decl is not None:
                pos = decl.block.pos
                out += in_file(attached(decl.comments, pos.line, pos.end_line), decl.file)
            module = module.parent
        self._call_sups = out
        return out


@dataclass(frozen=True)
class PlanBinding:
    """A provider configuration of the plan (`configuration.provider_config`), its arguments
    resolved from constants, the plan's variables and module call arguments."""

    key: str
    where: str  # the .tf file holding the provider block, else the plan file
    arguments: dict[str, tuple[Any, int | None]]

    def value(self, attr: str) -> tuple[Any, int | None] | None:
        return self.arguments.get(attr)


class PlanResource(TerraformSubject):
    """One managed resource instance from `planned_values`: a Subject of the plan."""

    def __init__(self, module: PlanModule, raw: dict[str, Any], after_unknown: Any,
                 config: dict[str, Any], decl: Decl | None, file: str) -> None:
        self.module = module
        self.plan = module.plan
        self.type, self.name = str(raw.get("type", "")), str(raw.get("name", ""))
        self.key = raw.get("index")
        self.address = str(raw.get("address") or f"{module.prefix}{self.type}.{self.name}")
        self.planned: dict[str, Any] = raw.get("values") or {}
        self.unknown: dict[str, Any] = after_unknown if isinstance(after_unknown, dict) else {}
        self.config = config
        self.decl = decl  # the resource block in the .tf file beside the plan, when found
        self._file = file
        self.provider_key = str(config.get("provider_config_key") or self.type.split("_", 1)[0])
        self._memo: dict[str, Any] = {}
        self._steps: dict[str, list[Origin]] = {}  # top-level argument -> traced steps

    # -- where it is ------------------------------------------------------------------------
    @property
    def instance(self) -> str:
        return self.address  # the plan's address names the instance already

    @property
    def file(self) -> str:
        return self._file

    @property
    def line(self) -> int:
        return self.decl.block.pos.line if self.decl else 1

    @property
    def column(self) -> int:
        return self.decl.block.pos.column if self.decl else 1

    @property
    def end_line(self) -> int:
        return self.decl.block.pos.end_line if self.decl else 1

    @property
    def root(self) -> str | None:
        return self.plan.root_display

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        own = attached(self.decl.comments, self.line, self.end_line) if self.decl else ()
        return own + self.module.call_suppressions()

    # -- values -------------------------------------------------------------------------------
    def get(self, name: str) -> Any:
        if name not in self._memo:
            self._memo[name] = self._value(name)
        return self._memo[name]

    def has(self, name: str) -> bool:
        if self.planned.get(name) is not None:
            return True
        # unknown now, but written in the configuration (not merely computed by the provider)
        return self.unknown.get(name) is True and name in (self.config.get("expressions") or {})

    def keys(self) -> list[str]:
        return sorted({k for k, v in self.planned.items() if v is not None} |
                      {k for k, v in self.unknown.items() if v is True})

    def attr_line(self, name: str) -> int | None:
        if self.decl is None:
            return None
        body = self.decl.block.body
        attr = body.attributes.get(name)
        if attr is not None:
            return attr.pos.line
        return next((b.pos.line for b in body.blocks if b.type == name or
                     (b.type == "dynamic" and b.labels[:1] == (name,))), None)

    def _limit(self, message: str) -> None:
        """A cut while a check reads this resource: reported on it, as for source."""
        record(self.plan.limit_hits, self.address,
               LimitHit(EVALUATION_LIMIT, self.file, self.line, self.column, self.end_line,
                        self.address, f"{self.address}: {message}"))

    def origins(self, path: str) -> tuple[Origin, ...]:
        """A plan holds values, not where they were written: only the module outputs and
        arguments a computed value was traced through (with the `.tf` files beside the plan)."""
        self.get(path.split(".", 1)[0].split("[", 1)[0])
        return tuple(self._steps.get(path.split(".", 1)[0].split("[", 1)[0], ()))

    # -- other resources ----------------------------------------------------------------------
    def follow(self, path: str, types: tuple[str, ...]) -> PlanResource | None:
        """The resource an attribute refers to: by reference, or by the referenced resource's
        name (Azure style: `virtual_network_name = "hub"`, or an ARM ID ending in the name)."""
        found = self.values(path)
        value = found[0][0] if found else None
        if isinstance(value, ResourceRef) and isinstance(value.target, PlanResource) and (
                not types or value.target.type in types):
            return value.target
        if isinstance(value, str):
            wanted = value.rsplit("/", 1)[-1]
            for module in (self.module, *self.plan.root.walk()):
                for cand in module.all_resources():
                    if cand.type in types and cand.get("name") == wanted:
                        return cand
        return None

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[PlanResource]:
        for other in self.peers(types):
            if any(isinstance(v, ResourceRef) and v.target is self for v, _ in other.values(path)):
                yield other

    def peers(self, types: tuple[str, ...]) -> Iterator[PlanResource]:
        wanted = set(types)
        for module in self.plan.root.walk():
            for key in sorted(module.instances):
                if key.split(".", 1)[0] in wanted:
                    yield from module.instances[key]

    def configuration(self) -> object:
        return self.plan

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        return regions.resource_region(self, catalogue, policy)

    def binding(self) -> PlanBinding | None:
        return self.plan.binding(self.provider_key)

    # -- values ----------------------------------------------------------------------------
    def _value(self, name: str) -> Any:
        value = self.planned.get(name)
        unknown = self.unknown.get(name)
        expr = (self.config.get("expressions") or {}).get(name)
        if isinstance(value, str) and unknown is not True:
            ref = self._known_reference(expr, value)
            if ref is not None:
                return ref
        return merge(value, unknown, f"{self.address}.{name}", expr, self._trace(name))

    def _trace(self, name: str) -> Tracer:
        """Follows the references of an argument known only after apply (plan_refs.py); the
        module outputs and arguments it passes are the argument's origins."""
        def trace(refs: list[str], path: str) -> Any:
            found, steps = self.plan.tracer.value(self.module, self.key, refs, path)
            self._steps.setdefault(name, [])
            self._steps[name] += [s for s in steps if s not in self._steps[name]]
            return found
        return trace

    def _known_reference(self, expr: Any, value: str) -> ResourceRef | None:
        """`x_id = aws_thing.t.id` with the ID known already: still a reference the checks
        can follow to the other resource."""
        for ref in references(expr):
            target = self.plan.resolve_reference(self.module, ref, self.key)
            if target is not None and target.planned.get("id") == value:
                return ResourceRef(target.address, ref.rsplit(".", 1)[-1], target)
        return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class Plan:
    """A parsed plan document and the lookups the adapter needs."""

    def __init__(self, doc: dict[str, Any], base_dir: Path | None, display_name: str,
                 ictx: FrontEndContext, reader: FileReader) -> None:
        self.doc = doc
        self.base_dir = base_dir
        self.display_name = display_name
        self.ictx = ictx
        self.reader = reader  # the one HCL reader: locates blocks and comments beside the plan
        self.limit_hits: dict[Any, LimitHit] = {}  # cuts by address (completeness.Cut)
        # the root module the plan was made from, as findings name it
        self.root_display = ictx.display(base_dir) if base_dir is not None else None
        config = _dict(doc.get("configuration"))
        self.provider_config: dict[str, Any] = _dict(config.get("provider_config"))
        self.config_root: dict[str, Any] = _dict(config.get("root_module"))
        self.variables: dict[str, Any] = {
            k: v.get("value") for k, v in _dict(doc.get("variables")).items()
            if isinstance(v, dict)}
        self.after_unknown: dict[str, Any] = {}
        for rc in doc.get("resource_changes") or []:
            if isinstance(rc, dict) and isinstance(rc.get("change"), dict):
                self.after_unknown[str(rc.get("address"))] = rc["change"].get("after_unknown")
        self._bindings: dict[str, PlanBinding | None] = {}
        self._dirs: dict[str, ModuleSource | None] = {}
        self.by_address: dict[str, PlanResource] = {}
        self.count = 0
        self.tracer = PlanTracer(self)
        planned = _dict(doc.get("planned_values"))
        self.root = PlanModule(self, "", None)
        self._load_module(self.root, _dict(planned.get("root_module")), 0)

    # -- configuration -----------------------------------------------------------------
    def config_module(self, static: str) -> dict[str, Any] | None:
        mod = self.config_root
        for part in [p for p in static.split(".") if p][1::2] if static else []:
            call = (mod.get("module_calls") or {}).get(part)
            if not isinstance(call, dict):
                return None
            mod = call.get("module") or {}
        return mod

    def module_dir(self, static: str) -> ModuleSource | None:
        """The `.tf` files of a module of the plan (`module.a.module.b`), when its source is a
        local path from the directory beside the plan."""
        if static in self._dirs:
            return self._dirs[static]
        path: Path | None = self.base_dir
        mod = self.config_root
        for part in [p for p in static.split(".") if p][1::2] if static else []:
            call = (mod.get("module_calls") or {}).get(part) or {}
            src = str(call.get("source") or "")
            mod = call.get("module") or {}
            if path is not None and (src.startswith(("./", "../")) or src in (".", "..")):
                path = path / src
            else:
                path = None
        found = self.reader.load_dir(path) if path is not None and path.is_dir() else None
        self._dirs[static] = found
        return found

    def sources(self) -> list[ModuleSource]:
        """The module directories read so far, each once."""
        unique = {id(s): s for s in self._dirs.values() if s is not None}
        return list(unique.values())

    def _resource_config(self, module_static: str, rtype: str, name: str) -> dict[str, Any]:
        mod = self.config_module(module_static) or {}
        for r in mod.get("resources") or []:
            if isinstance(r, dict) and r.get("type") == rtype and r.get("name") == name and \
                    r.get("mode", "managed") == "managed":
                return r
        return {}

    # -- resources -------------------------------------------------------------------------
    def _load_module(self, module: PlanModule, raw: dict[str, Any], depth: int) -> None:
        if depth > MAX_MODULE_DEPTH:
            return
        static = strip_keys(module.address)
        for r in raw.get("resources") or []:
            if not isinstance(r, dict) or r.get("mode", "managed") != "managed":
                continue
            if self.count >= MAX_RESOURCES:
                break
            self.count += 1
            rtype, name = str(r.get("type", "")), str(r.get("name", ""))
            source = self.module_dir(static)
            decl = source.resources.get(f"{rtype}.{name}") if source is not None else None
            inst = PlanResource(module, r, self.after_unknown.get(str(r.get("address"))),
                                self._resource_config(static, rtype, name), decl,
                                decl.file if decl is not None else self.display_name)
            module.instances.setdefault(f"{rtype}.{name}", []).append(inst)
            self.by_address[inst.address] = inst
        for child_raw in raw.get("child_modules") or []:
            if isinstance(child_raw, dict):
                child = PlanModule(self, str(child_raw.get("address") or ""), module)
                module.children.append(child)
                self._load_module(child, child_raw, depth + 1)

    def static(self, address: str) -> str:
        """A module address without instance keys (`module.a["x"]` -> `module.a`)."""
        return strip_keys(address)

    def resolve_reference(self, module: PlanModule, ref: str, key: Any) -> PlanResource | None:
        """The instance a configuration reference (`aws_cgw.x.id`, `aws_cgw.x["a"]`) names in
        `module`; without an index, the only instance or the one with the same `key`."""
        parts = ref.split(".")
        if len(parts) < 2 or parts[0] in ("var", "local", "data", "module", "each", "count",
                                          "path", "self", "terraform"):
            return None
        rtype, rest = parts[0], ".".join(parts[1:])
        m = re.match(r'^([A-Za-z0-9_-]+)(\[[^\]]*\])?', rest)
        if m is None:
            return None
        name, index = m.group(1), m.group(2)
        candidates = module.resource_instances(f"{rtype}.{name}")
        if index:
            wanted = f"{module.prefix}{rtype}.{name}{index}"
            return next((c for c in candidates if c.address == wanted), None)
        if len(candidates) == 1:
            return candidates[0]
        same_key = [c for c in candidates if c.key is not None and c.key == key]
        return same_key[0] if len(same_key) == 1 else None

    # -- providers ------------------------------------------------------------------------
    def binding(self, key: str) -> PlanBinding | None:
        if key not in self._bindings:
            self._bindings[key] = self._binding(key)
        return self._bindings[key]

    def _binding(self, key: str) -> PlanBinding | None:
        pc = self.provider_config.get(key)
        if not isinstance(pc, dict):
            return None
        module_addr = str(pc.get("module_address") or "")
        name = str(pc.get("name") or key.split(":")[-1].split(".")[0])
        alias = str(pc.get("alias") or "")
        source = self.module_dir(strip_keys(module_addr))
        decl = source.providers.get(f"{name}.{alias}" if alias else name) if source else None
        arguments: dict[str, tuple[Any, int | None]] = {}
        for attr, expr in sorted((pc.get("expressions") or {}).items()):
            if isinstance(expr, dict):
                written = decl.block.body.attributes.get(attr) if decl is not None else None
                arguments[attr] = (self._expression(expr, module_addr, f"provider {key} {attr}", 0),
                                   written.pos.line if written is not None else None)
        return PlanBinding(key, decl.file if decl is not None else self.display_name, arguments)

    def _expression(self, expr: dict[str, Any], module_addr: str, what: str, depth: int) -> Any:
        if "constant_value" in expr:
            return expr["constant_value"]
        refs = expr.get("references")
        if isinstance(refs, list) and refs and depth < MAX_MODULE_DEPTH:
            ref = str(refs[0])
            if ref.startswith("var."):
                var = ref.split(".")[1]
                if not module_addr:
                    if var in self.variables:
                        return self.variables[var]
                else:
                    parts = [p for p in module_addr.split(".") if p]
                    parent = ".".join(parts[:-2])
                    call_mod = self.config_module(parent) or {}
                    call = (call_mod.get("module_calls") or {}).get(parts[-1]) or {}
                    given = (call.get("expressions") or {}).get(var)
                    if isinstance(given, dict):
                        return self._expression(given, parent, what, depth + 1)
                    default = ((call.get("module") or {}).get("variables") or {}).get(var)
                    if isinstance(default, dict) and "default" in default:
                        return default["default"]
            return Unknown(f"{what} refers to {ref}, which the plan does not resolve")
        return Unknown(f"{what} is not a constant in the plan")


# -- shape -------------------------------------------------------------------------------
# What the reader takes from a plan, and the JSON type each part must have (null counts as
# absent). A plan is machine output, so a wrong type means a damaged or forged file: it is an
# error on that file, never an exception that would end the whole scan.
_TYPE_NAMES: dict[type, str] = {dict: "an object", list: "a list"}
_Check = tuple[Any, str, str]  # (value, its path in the document, what it must be)


def _want(value: Any, path: str, kind: type) -> str | None:
    if value is None or isinstance(value, kind):
        return None
    return f"{path} is not {_TYPE_NAMES[kind]}"


def _fields(node: dict[str, Any], path: str, spec: dict[str, str]) -> list[_Check]:
    return [(node.get(key), f"{path}.{key}" if path else key, shape)
            for key, shape in spec.items()]


# shape name -> (JSON type, the fields to check inside it with their shape names)
_SHAPES: dict[str, tuple[type, dict[str, str]]] = {
    "plan": (dict, {"planned_values": "planned_values", "resource_changes": "changes",
                    "configuration": "configuration", "variables": "variables"}),
    "planned_values": (dict, {"root_module": "planned_module"}),
    "planned_module": (dict, {"resources": "planned_resources",
                              "child_modules": "planned_modules"}),
    "planned_modules": (list, {}),
    "planned_resources": (list, {}),
    "planned_resource": (dict, {"values": "object"}),
    "changes": (list, {}),
    "change_entry": (dict, {"change": "object"}),
    "variables": (dict, {}),
    "configuration": (dict, {"provider_config": "providers", "root_module": "config_module"}),
    "providers": (dict, {}),
    "provider": (dict, {"expressions": "expressions"}),
    "config_module": (dict, {"resources": "config_resources", "module_calls": "module_calls",
                             "variables": "object"}),
    "config_resources": (list, {}),
    "config_resource": (dict, {"expressions": "expressions"}),
    "module_calls": (dict, {}),
    "module_call": (dict, {"module": "config_module", "expressions": "expressions"}),
    "expressions": (dict, {}),
    "object": (dict, {}),
}
# containers whose every item (list) or value (object) has the named shape
_ITEMS = {"planned_modules": "planned_module", "planned_resources": "planned_resource",
          "changes": "change_entry", "providers": "provider",
          "config_resources": "config_resource", "module_calls": "module_call"}


def plan_shape_error(doc: Any) -> str | None:
    """A part of a plan document whose type the reader cannot use (the same one every run), or
    None. Iterative, so a deeply nested document cannot exhaust the stack."""
    todo: list[_Check] = [(doc, "", "plan")]
    while todo:
        value, path, shape = todo.pop()
        kind, spec = _SHAPES[shape]
        problem = _want(value, path or "the document", kind)
        if problem is not None:
            return problem
        if value is None:
            continue
        if isinstance(value, dict):
            todo.extend(_fields(value, path, spec))
        item = _ITEMS.get(shape)
        if item is None:
            continue
        if isinstance(value, list):
            todo.extend((v, f"{path}[{i}]", item) for i, v in enumerate(value))
        else:
            todo.extend((v, f"{path}.{k}", item) for k, v in value.items())
    return None


# -- the front end -----------------------------------------------------------------------
def scan_plan(text: str, path: Path | None, ictx: FrontEndContext,
              base_dir: Path | None = None) -> PartResult:
    """Evaluate every check on one plan document. `path` is None for standard input, whose
    configuration is looked for in `base_dir` (the current directory)."""
    display_name = ictx.display(path) if path is not None else STDIN_NAME
    part = PartResult(files=1)
    doc, error = _document(text, display_name)
    if error is not None:
        part.errors.append(error)
        return part
    reader = FileReader(ictx.display, ictx.max_file_size)
    plan = Plan(doc, path.parent if path is not None else base_dir, display_name, ictx, reader)
    subjects = [inst for module in plan.root.walk() for inst in module.all_resources()]
    part.resources = len(subjects)
    sups = {inst.address: inst.suppressions for inst in subjects}

    def not_read(inst: Subject, message: str) -> None:
        assert isinstance(inst, PlanResource)
        record(plan.limit_hits, (NOT_READ, inst.address),
               LimitHit(NOT_READ, inst.file, inst.line, inst.column, inst.end_line,
                        inst.address, message))

    def judged() -> Iterator[Subject]:
        yield from expand(subjects, not_read)  # manifests: the objects they declare
        # after every resource is evaluated: checking them records the cuts
        for hit in list(plan.limit_hits.values()):
            yield Cut(hit, sups.get(hit.address, ()))

    part.findings = ictx.pipeline.judge(judged(), loose=_loose(plan))
    return part


def _document(text: str, display_name: str) -> tuple[Any, ScanError | None]:
    """The plan document, or the error that makes it unusable."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, ScanError(display_name, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
    except (RecursionError, ValueError) as exc:
        return None, ScanError(display_name, 1, 1, f"invalid JSON: {exc}")
    if not is_plan(doc):
        return None, ScanError(display_name, 1, 1, "not a Terraform plan: expected "
                               "format_version and planned_values (terraform show -json)")
    major = str(doc.get("format_version", "")).split(".", 1)[0]
    if major not in ("0", "1"):
        return None, ScanError(display_name, 1, 1, f"unsupported plan format_version "
                               f"{doc.get('format_version')!r} (exitlint reads 0.x and 1.x)")
    problem = plan_shape_error(doc)
    if problem is not None:
        return None, ScanError(display_name, 1, 1, f"not a valid Terraform plan: {problem}")
    return doc, None


def _loose(plan: Plan) -> Iterator[tuple[str, Suppression]]:
    """Every suppression comment in the `.tf` files of the plan's modules: the same hygiene
    findings (XB903-XB905) as a source scan of those files."""
    seen: set[str] = set()
    for source in plan.sources():
        for file in sorted(source.files):
            parsed = plan.reader.parsed.get(source.dir / Path(file).name)
            if parsed is None or file in seen:
                continue
            seen.add(file)
            for c in parsed.comments:
                s = parse_suppression(c.text, c.line, c.column)
                if s is not None:
                    yield file, s
