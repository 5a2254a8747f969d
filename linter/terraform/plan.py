"""Terraform plan JSON (`terraform show -json plan.out`): the same checks on planned values.

Mirrors the JSON output format 1.x of Terraform 1.1 and later (`format_version` "1.0" to "1.2";
OpenTofu writes the same). Read:

- `planned_values` (root module and `child_modules`): every managed resource instance, with its
  full address including instance keys (`module.net["a"].aws_vpn_connection.hq["x"]`);
- `resource_changes[].change.after_unknown`: values known only after apply become `Unknown`;
  where the configuration says such a value refers to another resource
  (`customer_gateway_id = aws_customer_gateway.office.id`), it becomes a reference the checks
  follow, like in a static scan;
- `configuration.provider_config` and each resource's `provider_config_key`: the provider
  configuration, hence the region, a resource is bound to (`constant_value`, or `var.NAME`
  resolved from the plan's `variables` and module call arguments);
- `configuration` module calls with a local `source`: where each module's `.tf` files are, so a
  finding points at the resource block in the `.tf` file next to the plan (and suppression
  comments there apply); otherwise at line 1 of the plan file.

The adapter is deliberately small: `PlanResource` answers the interface the check engine reads
from a `ResourceInstance` (`get`, `has`, `attr_line`, `type`, `address`, `file`, `line`, `module`),
and `PlanModule.provider(key)` hands `regions.resource_region` a provider block built from the
plan's provider configuration.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.context import InputContext, PartResult
from ..engine.ends import Context
from ..engine.findings import link_finding, suppress, usable
from ..hcl import ast as A
from ..model import Finding, ScanError, Span
from ..suppressions import Suppression, parse_suppression
from .evaluate import Evaluator
from .instances import ResourceInstance
from .source import Decl
from .values import ResourceRef, Unknown

STDIN_NAME = "<stdin>"
MAX_MODULE_DEPTH = 32
MAX_RESOURCES = 100_000
_POS = A.Pos(1, 1, 1)
_RESOURCE_RE = r'^\s*resource\s+"?{type}"?\s+"?{name}"?\s*\{{'


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


# -- where the configuration is -----------------------------------------------------------
@dataclass
class _Block:
    file: Path
    line: int
    end_line: int
    lines: list[str]  # the whole file


@dataclass
class _SourceDir:
    path: Path | None
    max_size: int
    _texts: dict[Path, list[str]] | None = None

    def texts(self) -> dict[Path, list[str]]:
        if self._texts is None:
            self._texts = {}
            if self.path is not None and self.path.is_dir():
                for f in sorted(self.path.iterdir()):
                    if not f.name.endswith((".tf", ".tofu")) or not f.is_file():
                        continue
                    try:
                        if f.stat().st_size > self.max_size:
                            continue
                        self._texts[f] = f.read_text(encoding="utf-8",
                                                     errors="replace").splitlines()
                    except OSError:
                        continue
        return self._texts

    def find_provider(self, name: str, alias: str) -> Path | None:
        start = re.compile(rf'^\s*provider\s+"?{re.escape(name)}"?\s*\{{')
        alias_re = re.compile(r'^\s*alias\s*=\s*"([^"]*)"')
        for path, lines in self.texts().items():
            for i, line in enumerate(lines):
                if start.match(line):
                    body = lines[i + 1:_block_end(lines, i)]
                    found = next((m.group(1) for m in map(alias_re.match, body) if m), "")
                    if found == alias:
                        return path
        return None

    def find(self, rtype: str, name: str) -> _Block | None:
        pattern = re.compile(_RESOURCE_RE.format(type=re.escape(rtype), name=re.escape(name)))
        for path, lines in self.texts().items():
            for i, line in enumerate(lines):
                if pattern.match(line):
                    return _Block(path, i + 1, _block_end(lines, i), lines)
        return None


def _block_end(lines: list[str], start: int) -> int:
    depth = 0
    for i in range(start, len(lines)):
        text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', lines[i].split("#", 1)[0])
        depth += text.count("{") - text.count("}")
        if depth <= 0 and (i > start or "{" in text):
            return i + 1
    return len(lines)


def _block_suppressions(block: _Block) -> list[Suppression]:
    """Suppression comments inside the block or on the comment lines right above it."""
    out: list[Suppression] = []
    above = block.line - 2
    while above >= 0 and block.lines[above].lstrip().startswith(("#", "//")):
        above -= 1
    for i in range(above + 1, block.end_line):
        text = block.lines[i]
        for marker in ("#", "//"):
            col = text.find(marker)
            if col >= 0:
                s = parse_suppression(text[col:], i + 1, col + 1)
                if s is not None:
                    out.append(s)
                break
    return out


# -- the adapter the engine evaluates ----------------------------------------------------
class _Project:
    def __init__(self) -> None:
        self.evaluator = Evaluator()
        self.notes: list[tuple[str, int, str]] = []


class _Scope:
    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names

    def root(self, name: str) -> Any:
        return self.names.get(name, Unknown(f"{name} is not in the plan"))

    def with_vars(self, values: dict[str, Any]) -> _Scope:
        return _Scope({**self.names, **values})

    def file_text(self, path: str) -> str | Unknown:
        return Unknown("file() is not read from a plan")


@dataclass
class _Sources:
    """What `ModuleSource` offers the engine: resources by `type.name`, the directory."""

    dir: Path
    resources: dict[str, Decl] = field(default_factory=dict)


class PlanModule:
    """One module instance of the plan (the root, or `module.net["a"]`)."""

    def __init__(self, plan: Plan, address: str, parent: PlanModule | None) -> None:
        self.plan = plan
        self.address = address
        self.prefix = f"{address}." if address else ""
        self.parent = parent
        self.root_module: PlanModule = parent.root_module if parent else self
        self.project = plan.project
        self.children: list[PlanModule] = []
        self.instances: dict[str, list[PlanResource]] = {}
        self.source = _Sources(plan.base_dir or Path("."))
        self.names: tuple[str, ...] = ()

    def scope(self) -> _Scope:
        return self.plan.provider_scope

    def walk(self) -> Any:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_resources(self) -> Any:
        for key in sorted(self.instances):
            yield from self.instances[key]

    def resource_instances(self, key: str) -> list[PlanResource]:
        return self.instances.get(key, [])

    def provider(self, key: str) -> tuple[PlanModule, Decl] | None:
        return self.plan.provider_decl(key)


class PlanResource(ResourceInstance):
    """One resource instance from `planned_values`, read through the ResourceInstance interface."""

    def __init__(self, module: PlanModule, raw: dict[str, Any], after_unknown: Any,
                 config: dict[str, Any], block: _Block | None, file: str) -> None:
        self.module = module  # type: ignore[assignment]
        self.plan_module = module
        self.type, self.name = str(raw.get("type", "")), str(raw.get("name", ""))
        self.key = raw.get("index")
        self.mode = "resource"
        self.address = str(raw.get("address") or f"{module.prefix}{self.type}.{self.name}")
        self.static_address = strip_keys(self.address)
        self.values: dict[str, Any] = raw.get("values") or {}
        self.unknown: dict[str, Any] = after_unknown if isinstance(after_unknown, dict) else {}
        self.config = config
        self.block = block
        self._file = file
        pkey = str(config.get("provider_config_key") or self.type.split("_", 1)[0])
        attrs = {"provider": A.Attribute("provider", A.Traversal(pkey, (), _POS), _POS)}
        line = block.line if block else 1
        pos = A.Pos(line, 1, block.end_line if block else 1)
        self.decl = Decl(A.Block("resource", (self.type, self.name), A.Body(attrs), pos), file, ())
        self.body = self.decl.block.body
        self.scope = module.scope()  # type: ignore[assignment]
        self._memo: dict[str, Any] = {}
        self._busy: set[str] = set()

    # -- the interface the engine reads --------------------------------------------------
    def get(self, name: str) -> Any:
        if name not in self._memo:
            self._memo[name] = self._value(name)
        return self._memo[name]

    def has(self, name: str) -> bool:
        if self.values.get(name) is not None:
            return True
        # unknown now, but written in the configuration (not merely computed by the provider)
        return self.unknown.get(name) is True and name in (self.config.get("expressions") or {})

    def keys(self) -> list[str]:
        return sorted({k for k, v in self.values.items() if v is not None} |
                      {k for k, v in self.unknown.items() if v is True})

    def attr_line(self, name: str) -> int | None:
        if self.block is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*(=|\{{)")
        for i in range(self.block.line, min(self.block.end_line, len(self.block.lines))):
            if pattern.match(self.block.lines[i]):
                return i + 1
        return None

    def missing(self, name: str) -> Any:
        return None

    @property
    def file(self) -> str:
        return self._file

    @property
    def line(self) -> int:
        return self.block.line if self.block else 1

    @property
    def end_line(self) -> int:
        return self.block.end_line if self.block else 1

    # -- values ----------------------------------------------------------------------------
    def _value(self, name: str) -> Any:
        value = self.values.get(name)
        unknown = self.unknown.get(name)
        ref = self._reference(name, value, unknown)
        if ref is not None:
            return ref
        return _merge(value, unknown, f"{self.address}.{name}")

    def _reference(self, name: str, value: Any, unknown: Any) -> ResourceRef | None:
        """`x_id = aws_thing.t.id`: a reference the checks can follow to the other resource."""
        expr = (self.config.get("expressions") or {}).get(name)
        refs = expr.get("references") if isinstance(expr, dict) else None
        if not isinstance(refs, list) or not (unknown is True or isinstance(value, str)):
            return None
        for ref in refs:
            target = self.plan_module.plan.resolve_reference(self, str(ref))
            if target is None:
                continue
            if unknown is True or (isinstance(value, str) and target.values.get("id") == value):
                return ResourceRef(target.address, str(ref).rsplit(".", 1)[-1], target)
        return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _merge(value: Any, unknown: Any, path: str) -> Any:
    if unknown is True:
        return Unknown(f"{path} is known only after apply")
    if isinstance(value, list):
        unk = unknown if isinstance(unknown, list) else []
        return [_merge(v, unk[i] if i < len(unk) else None, f"{path}[{i}]")
                for i, v in enumerate(value)]
    if isinstance(value, dict):
        unk_d = unknown if isinstance(unknown, dict) else {}
        out = {k: _merge(v, unk_d.get(k), f"{path}.{k}") for k, v in value.items()}
        for k, u in unk_d.items():
            if u is True and out.get(k) is None:
                out[k] = Unknown(f"{path}.{k} is known only after apply")
        return out
    return value


class Plan:
    """A parsed plan document and the lookups the adapter needs."""

    def __init__(self, doc: dict[str, Any], base_dir: Path | None, display_name: str,
                 ictx: InputContext) -> None:
        self.doc = doc
        self.base_dir = base_dir
        self.display_name = display_name
        self.ictx = ictx
        self.project = _Project()
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
        self._scope_names: dict[str, Any] = {}
        self.provider_scope = _Scope(self._scope_names)
        self._provider_decls: dict[str, tuple[PlanModule, Decl] | None] = {}
        self._dirs: dict[str, _SourceDir] = {}
        self.by_address: dict[str, PlanResource] = {}
        self.count = 0
        planned = _dict(doc.get("planned_values"))
        self.root = PlanModule(self, "", None)
        self._load_module(self.root, _dict(planned.get("root_module")), 0)

    # -- configuration -----------------------------------------------------------------
    def _config_module(self, static: str) -> dict[str, Any] | None:
        mod = self.config_root
        for part in [p for p in static.split(".") if p][1::2] if static else []:
            call = (mod.get("module_calls") or {}).get(part)
            if not isinstance(call, dict):
                return None
            mod = call.get("module") or {}
        return mod

    def _module_dir(self, static: str) -> _SourceDir:
        if static in self._dirs:
            return self._dirs[static]
        path: Path | None = self.base_dir
        mod = self.config_root
        for part in [p for p in static.split(".") if p][1::2] if static else []:
            call = (mod.get("module_calls") or {}).get(part) or {}
            src = str(call.get("source") or "")
            mod = call.get("module") or {}
            if path is not None and (src.startswith(("./", "../")) or src in (".", "..")):
                path = (path / src).resolve()
            else:
                path = None
        found = _SourceDir(path, self.ictx.max_file_size)
        self._dirs[static] = found
        return found

    def _resource_config(self, module_static: str, rtype: str, name: str) -> dict[str, Any]:
        mod = self._config_module(module_static) or {}
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
            block = self._module_dir(static).find(rtype, name)
            file = self.ictx.display(block.file) if block else self.display_name
            inst = PlanResource(module, r, self.after_unknown.get(str(r.get("address"))),
                                self._resource_config(static, rtype, name), block, file)
            key = f"{rtype}.{name}"
            module.instances.setdefault(key, []).append(inst)
            module.source.resources.setdefault(key, inst.decl)
            self.by_address[inst.address] = inst
        for child_raw in raw.get("child_modules") or []:
            if isinstance(child_raw, dict):
                child = PlanModule(self, str(child_raw.get("address") or ""), module)
                module.children.append(child)
                self._load_module(child, child_raw, depth + 1)

    def resolve_reference(self, inst: PlanResource, ref: str) -> PlanResource | None:
        """The instance a configuration reference (`aws_cgw.x.id`, `aws_cgw.x["a"]`) names."""
        parts = ref.split(".")
        if len(parts) < 2 or parts[0] in ("var", "local", "data", "module", "each", "count",
                                          "path", "self", "terraform"):
            return None
        rtype, rest = parts[0], ".".join(parts[1:])
        m = re.match(r'^([A-Za-z0-9_-]+)(\[[^\]]*\])?', rest)
        if m is None:
            return None
        name, index = m.group(1), m.group(2)
        candidates = inst.plan_module.resource_instances(f"{rtype}.{name}")
        if index:
            wanted = f"{inst.plan_module.prefix}{rtype}.{name}{index}"
            return next((c for c in candidates if c.address == wanted), None)
        if len(candidates) == 1:
            return candidates[0]
        same_key = [c for c in candidates if c.key is not None and c.key == inst.key]
        return same_key[0] if len(same_key) == 1 else None

    # -- providers ------------------------------------------------------------------------
    def provider_decl(self, key: str) -> tuple[PlanModule, Decl] | None:
        if key not in self._provider_decls:
            self._provider_decls[key] = self._build_provider(key)
        return self._provider_decls[key]

    def _build_provider(self, key: str) -> tuple[PlanModule, Decl] | None:
        pc = self.provider_config.get(key)
        if not isinstance(pc, dict):
            return None
        module_addr = str(pc.get("module_address") or "")
        attrs: dict[str, A.Attribute] = {}
        for attr, expr in sorted((pc.get("expressions") or {}).items()):
            if not isinstance(expr, dict):
                continue
            slot = f"__plan_provider_{len(self._scope_names)}"
            self._scope_names[slot] = self._expression(expr, module_addr,
                                                       f"provider {key} {attr}", 0)
            attrs[attr] = A.Attribute(attr, A.Traversal(slot, (), _POS), _POS)
        name = str(pc.get("name") or key.split(":")[-1].split(".")[0])
        block = A.Block("provider", (name,), A.Body(attrs), _POS)
        where = self._module_dir(strip_keys(module_addr)).find_provider(name,
                                                                        str(pc.get("alias") or ""))
        return self.root, Decl(block, self.ictx.display(where) if where else self.display_name, ())

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
                    call_mod = self._config_module(parent) or {}
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
def scan_plan(text: str, path: Path | None, ictx: InputContext,
              base_dir: Path | None = None) -> PartResult:
    """Evaluate every check on one plan document. `path` is None for standard input, whose
    configuration is looked for in `base_dir` (the current directory)."""
    from ..engine.evaluators import evaluate_resource

    display_name = ictx.display(path) if path is not None else STDIN_NAME
    part = PartResult(files=1)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        part.errors.append(ScanError(display_name, exc.lineno, exc.colno,
                                     f"invalid JSON: {exc.msg}"))
        return part
    except (RecursionError, ValueError) as exc:
        part.errors.append(ScanError(display_name, 1, 1, f"invalid JSON: {exc}"))
        return part
    if not is_plan(doc):
        part.errors.append(ScanError(display_name, 1, 1, "not a Terraform plan: expected "
                                     "format_version and planned_values (terraform show -json)"))
        return part
    major = str(doc.get("format_version", "")).split(".", 1)[0]
    if major not in ("0", "1"):
        part.errors.append(ScanError(display_name, 1, 1, f"unsupported plan format_version "
                                     f"{doc.get('format_version')!r} (exitlint reads 0.x and 1.x)"))
        return part
    problem = plan_shape_error(doc)
    if problem is not None:
        part.errors.append(ScanError(display_name, 1, 1,
                                     f"not a valid Terraform plan: {problem}"))
        return part
    plan = Plan(doc, path.parent if path is not None else base_dir, display_name, ictx)
    ctx = Context(ictx.catalogue, ictx.policy)
    sups_cache: dict[tuple[str, int], list[Suppression]] = {}
    findings: dict[tuple[str, str], Finding] = {}
    for module in plan.root.walk():
        for inst in module.all_resources():
            part.resources += 1
            for check, evaluator, hit in evaluate_resource(inst, ctx, ictx.catalog,
                                                           ictx.policy.disabled):
                span = Span(inst.file, inst.line, 1, inst.end_line)
                f = link_finding(check, evaluator, hit, resource=inst.address, span=span,
                                 kind="terraform", policy=ictx.policy, exits=ictx.exits)
                if f is None or (inst.static_address != inst.address and ictx.exits.approves(
                        inst.static_address, span.file, hit.local, hit.remote)):
                    continue
                if inst.block is not None:
                    bkey = (inst.file, inst.block.line)
                    if bkey not in sups_cache:
                        sups_cache[bkey] = _block_suppressions(inst.block)
                    match = next((s for s in sups_cache[bkey]
                                  if usable(s, f.check_id, ictx.today)), None)
                    if match is not None:
                        f = suppress(f, match)
                findings.setdefault((f.check_id, f.resource), f)
    part.findings.extend(findings.values())
    return part
