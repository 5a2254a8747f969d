"""Where a value a plan knows only after apply comes from (SPEC §9, "Where an end is").

A plan's `after_unknown` marks values computed at apply; its `configuration` section says what
each argument refers to (`expressions.NAME.references`). This module follows those references
as a source scan follows the expressions: to a resource's attribute in the same module, through
a module output (`module.edge.public_ip` -> the output's own references in the child module) and
through a module argument (`var.peer_ip` in a child -> the caller's argument), so an address or
region another resource computes is located where that resource is (geo/computed.py).

What a plan does not record is named in the value's "unknown" reason, never dropped: locals,
data sources, a whole module object. An instance chosen by `count.index`/`each.key` is the one
with the same key, but Terraform then lists only the resource, not the attribute read: such a
reference is followed (`customer_gateway_id`) but locates no address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..model import Origin, ResourceRef, Unknown
from ..records import dataclass

if TYPE_CHECKING:
    from .plan import Plan, PlanModule, PlanResource

MAX_HOPS = 32  # module outputs and arguments followed for one value (a forged plan may loop)

# References that only choose an instance or a path: no value of their own to trace.
_SCOPE = frozenset({"count", "each", "path", "terraform", "self"})
_NOT_RECORDED = {"local": "a plan records no locals",
                 "data": "a data source's value is not traced in a plan"}
_INDEX = r'(\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\])?'
_RESOURCE = re.compile(r"^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)" + _INDEX)
_MODULE = re.compile(r"^module\.([A-Za-z_][\w-]*)" + _INDEX + r"(?:\.([A-Za-z_][\w-]*))?")
_VAR = re.compile(r"^var\.([A-Za-z_][\w-]*)")
_HEAD = re.compile(r"^[^.\[]*")

Tracer = Callable[[list[str], str], Any]  # (references, value path) -> ResourceRef | Unknown | None


def references(expr: Any) -> list[str]:
    """The `references` of one configuration expression, [] for anything else."""
    refs = expr.get("references") if isinstance(expr, dict) else None
    return [str(r) for r in refs] if isinstance(refs, list) else []


def narrowest(refs: list[str]) -> list[str]:
    """Terraform lists each reference with every shorter form of it (`aws_eip.x.public_ip`,
    `aws_eip.x`): keep the longest of each, in order, once."""
    out: list[str] = []
    for ref in refs:
        if ref in out or any(other.startswith((f"{ref}.", f"{ref}[")) for other in refs):
            continue
        out.append(ref)
    return out


def instance_key(address: str) -> Any:
    """The key of the last module or resource instance in `address` (`module.x["a"]` -> "a",
    `aws_eip.y[1]` -> 1), None without one."""
    m = re.search(r'\[("(?:[^"\\]|\\.)*"|\d+)\]$', address)
    if m is None:
        return None
    try:
        return json.loads(m.group(1))
    except ValueError:
        return None


def is_expression(node: Any) -> bool:
    """An expression node (`references` / `constant_value`), not a nested block's arguments."""
    return isinstance(node, dict) and bool(node) and set(node) <= {"references", "constant_value"}


def merge(value: Any, unknown: Any, path: str, expr: Any, trace: Tracer) -> Any:
    """A planned value with its `after_unknown` marks: a mark becomes what its configuration
    expression refers to (a ResourceRef to follow), else an Unknown saying what it waits for."""
    if unknown is True:
        refs = references(expr) if is_expression(expr) else []
        traced = trace(refs, path) if refs else None
        return traced if traced is not None else Unknown(f"{path} is known only after apply")
    if isinstance(value, list):
        unk = unknown if isinstance(unknown, list) else []
        sub = expr if isinstance(expr, list) else []  # nested blocks: one argument map each
        return [merge(v, unk[i] if i < len(unk) else None, f"{path}[{i}]",
                      sub[i] if i < len(sub) else None, trace) for i, v in enumerate(value)]
    if isinstance(value, dict):
        unk_d = unknown if isinstance(unknown, dict) else {}
        args = expr if isinstance(expr, dict) and not is_expression(expr) else {}
        out = {k: merge(v, unk_d.get(k), f"{path}.{k}", args.get(k), trace)
               for k, v in value.items()}
        for k, u in unk_d.items():
            if u is True and out.get(k) is None:
                out[k] = merge(None, True, f"{path}.{k}", args.get(k), trace)
        return out
    return value


@dataclass
class Trace:
    """What a list of references leads to."""

    found: list[ResourceRef] = field(default_factory=list)
    untraced: list[str] = field(default_factory=list)  # worded: what could not be followed
    steps: list[Origin] = field(default_factory=list)  # module outputs and arguments passed

    def add(self, other: Trace) -> None:
        self.found += [r for r in other.found if str(r) not in {str(f) for f in self.found}]
        self.untraced += [u for u in other.untraced if u not in self.untraced]
        self.steps += [s for s in other.steps if s not in self.steps]


class PlanTracer:
    """Follows configuration references through one plan's modules."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def value(self, module: PlanModule, key: Any, refs: list[str], path: str) -> \
            tuple[ResourceRef | Unknown | None, list[Origin]]:
        """The one resource attribute the references lead to, or an Unknown naming what they
        lead to (several owners, or something a plan does not record); None when they name
        only an instance (`count.index`)."""
        t = self.trace(module, key, refs, 0)
        if len(t.found) == 1 and not t.untraced:
            return t.found[0], t.steps
        if not t.found and not t.untraced:
            return None, []
        names = [self._named(r) for r in t.found] + t.untraced
        return Unknown(f"{path} is known only after apply and refers to "
                       f"{'; '.join(names)}"), t.steps

    def _named(self, ref: ResourceRef) -> str:
        target: PlanResource | None = ref.target
        where = f" ({target.file}:{target.line})" if target is not None and \
            target.decl is not None else ""
        if not ref.attr:
            return f"{ref.address}{where} (the plan does not record the attribute read)"
        return f"{ref}, computed by {ref.address}{where}"

    def trace(self, module: PlanModule, key: Any, refs: list[str], hops: int) -> Trace:
        out = Trace()
        if hops > MAX_HOPS:
            out.untraced.append(f"{', '.join(refs)} (more than {MAX_HOPS} module hops)")
            return out
        for ref in narrowest(refs):
            head = _HEAD.match(ref).group(0)  # type: ignore[union-attr]
            if head in _SCOPE:
                continue
            if head in _NOT_RECORDED:
                out.untraced.append(f"{ref} ({_NOT_RECORDED[head]})")
            elif head == "module":
                out.add(self._output(module, key, ref, hops))
            elif head == "var":
                out.add(self._argument(module, ref, hops))
            else:
                out.add(self._resource(module, key, ref))
        return out

    def _resource(self, module: PlanModule, key: Any, ref: str) -> Trace:
        out = Trace()
        m = _RESOURCE.match(ref)
        target = self.plan.resolve_reference(module, ref, key) if m is not None else None
        if m is None or target is None:
            out.untraced.append(f"{ref} (not a resource instance of the plan)")
            return out
        # `aws_eip.x[count.index].public_ip`: Terraform lists only `aws_eip.x`, so the instance
        # is the one with the same key and the attribute read is not recorded
        out.found.append(ResourceRef(target.address, ref[m.end():].lstrip("."), target))
        return out

    def _output(self, module: PlanModule, key: Any, ref: str, hops: int) -> Trace:
        out = Trace()
        m = _MODULE.match(ref)
        if m is None or m.group(3) is None:
            out.untraced.append(f"{ref} (a whole module object)")
            return out
        call, index, name = m.group(1), m.group(2), m.group(3)
        child = self._child(module, call, index, key)
        if child is None:
            out.untraced.append(f"{ref} (no single instance of module.{call} in the plan)")
            return out
        static = self.plan.static(child.address)
        outputs = (self.plan.config_module(static) or {}).get("outputs") or {}
        declared = outputs.get(name)
        refs = references(declared.get("expression") if isinstance(declared, dict) else None)
        if not refs:
            out.untraced.append(f"{ref} (the plan records no references for this output)")
            return out
        source = self.plan.module_dir(static)
        decl = source.outputs.get(name) if source is not None else None
        if decl is not None:
            out.steps.append(Origin(decl.file, decl.block.pos.line,
                                    f"output {name} of {child.address}"))
        out.add(self.trace(child, instance_key(child.address), refs, hops + 1))
        return out

    def _child(self, module: PlanModule, call: str, index: str | None,
               key: Any) -> PlanModule | None:
        base = f"{module.prefix}module.{call}"
        if index:
            return next((c for c in module.children if c.address == base + index), None)
        found = [c for c in module.children if self.plan.static(c.address) ==
                 self.plan.static(base)]
        if len(found) == 1:
            return found[0]
        same = [c for c in found if key is not None and instance_key(c.address) == key]
        return same[0] if len(same) == 1 else None

    def _argument(self, module: PlanModule, ref: str, hops: int) -> Trace:
        out = Trace()
        m = _VAR.match(ref)
        parent = module.parent
        if m is None or parent is None:
            out.untraced.append(f"{ref} (no value in the plan)")
            return out
        var = m.group(1)
        call = self.plan.static(module.address).rsplit(".", 1)[-1]
        parent_static = self.plan.static(parent.address)
        calls = (self.plan.config_module(parent_static) or {}).get("module_calls") or {}
        given = ((calls.get(call) or {}).get("expressions") or {}).get(var)
        refs = references(given)
        if not refs:
            out.untraced.append(f"{ref} (the plan records no references for this argument of "
                                f"{module.address})")
            return out
        source = self.plan.module_dir(parent_static)
        decl = source.modules.get(call) if source is not None else None
        written = decl.block.body.attributes.get(var) if decl is not None else None
        if decl is not None and written is not None:
            out.steps.append(Origin(decl.file, written.pos.line,
                                    f"argument {var} of {module.address}"))
        out.add(self.trace(parent, instance_key(module.address), refs, hops + 1))
        return out
