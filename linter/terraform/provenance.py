"""Where a resource attribute's value came from: the chain of places a change to it can be made.

A finding is located at a resource block, but the value that made a link cross the border may
have been written elsewhere: a tfvars entry, a variable default, a module call's argument in the
caller, a local, a child module's output, the provider block. `origins()` walks the attribute's
expression statically (no value is computed again, nothing changes how values are computed) and
returns those places, nearest first: a module argument before the caller's tfvars entry that fed
it. A literal written in place has no origin; a reference to another resource or data source
stops the walk (that resource is located, and reported, where it is).

The walk is bounded (hops, origins, expression nodes) and never visits a definition twice, so a
hostile or cyclic configuration costs little.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..hcl import ast as A
from ..model import Origin

if TYPE_CHECKING:
    from .instances import ModuleInstance, ResourceInstance
    from .source import Decl

MAX_HOPS = 16  # variable → module argument → caller's variable → ... deeper is not followed
MAX_ORIGINS = 32
MAX_NODES = 4096  # expression nodes visited per call: a huge literal list stops the walk early


@dataclass(frozen=True)
class _Where:
    """The scope an expression is written in: its module, the block whose `count`/`for_each`
    `count.*`/`each.*` refer to, and the dynamic-block iterators visible there."""

    module: ModuleInstance
    owner: Decl | None = None
    iterators: tuple[tuple[str, A.Expr], ...] = ()


@dataclass(frozen=True)
class _Item:
    expr: A.Expr
    where: _Where
    hops: int


class _Walk:
    """One origins() call: a depth-first walk that emits origins in the order it meets them."""

    def __init__(self) -> None:
        self.found: dict[Origin, None] = {}  # insertion-ordered set
        self.stack: list[_Item] = []
        self.seen: set[tuple[int, str]] = set()  # definitions already followed, per module
        self.nodes = 0

    def emit(self, origin: Origin) -> None:
        if len(self.found) < MAX_ORIGINS:
            self.found.setdefault(origin, None)

    def visit(self, module: ModuleInstance, key: str) -> bool:
        """True the first time a definition is followed (cycles and diamonds stop here)."""
        marker = (id(module), key)
        if marker in self.seen:
            return False
        self.seen.add(marker)
        return True

    def push_all(self, items: Iterable[_Item]) -> None:
        """Push so that the first item is walked first (the stack pops from the end)."""
        self.stack.extend(reversed(list(items)))

    def run(self, start: list[tuple[A.Expr, _Where]]) -> tuple[Origin, ...]:
        self.push_all(_Item(expr, where, 0) for expr, where in start)
        while self.stack and self.nodes < MAX_NODES and len(self.found) < MAX_ORIGINS:
            item = self.stack.pop()
            self.nodes += 1
            if isinstance(item.expr, A.Traversal):
                self._reference(item)
            else:
                self.push_all(_Item(e, item.where, item.hops) for e in _operands(item.expr))
        return tuple(self.found)

    # -- references ---------------------------------------------------------------------
    def _reference(self, item: _Item) -> None:
        t, where, hops = item.expr, item.where, item.hops
        assert isinstance(t, A.Traversal)
        # index keys are operands too: var.peers[var.site] depends on both variables
        self.push_all(_Item(s.key, where, hops) for s in t.steps if isinstance(s, A.Index))
        if hops >= MAX_HOPS:
            return
        names = [s.name for s in t.steps if isinstance(s, A.GetAttr)]
        iterators = dict(where.iterators)
        if t.root in iterators:
            self.push_all([_Item(iterators[t.root], where, hops + 1)])
        elif t.root in ("each", "count"):
            self._meta(where, hops)
        elif t.root == "var" and names:
            self._variable(where.module, names[0], hops)
        elif t.root == "local" and names:
            self._local(where.module, names[0], hops)
        elif t.root == "module" and len(names) >= 2:
            self._output(where.module, names[0], names[1], hops)
        # anything else (resources, data sources, path, terraform): located where it is

    def _meta(self, where: _Where, hops: int) -> None:
        """`each.value` / `count.index`: the block's own `for_each` or `count` expression."""
        owner = where.owner
        if owner is None or not self.visit(where.module, f"meta {id(owner)}"):
            return
        body = owner.block.body.attributes
        meta = body.get("for_each") or body.get("count")
        if meta is not None:
            self.push_all([_Item(meta.expr, _Where(where.module), hops + 1)])

    def _variable(self, module: ModuleInstance, name: str, hops: int) -> None:
        """As ModuleInstance._var chooses: the caller's argument, else the root's input (tfvars,
        --var-file, --var), else the variable's default."""
        if not self.visit(module, f"var.{name}"):
            return
        call, parent = module.call, module.parent
        if call is not None and parent is not None:
            given = call.block.body.attributes.get(name)
            if given is not None:
                address = f"{parent.prefix}module.{module.names[-1]}"
                self.emit(Origin(call.file, given.pos.line, f"argument {name} of {address}"))
                self.push_all([_Item(given.expr, _Where(parent, call), hops + 1)])
                return
        elif name in module.inputs:
            entry = module.project.input_origins.get(name)
            if entry is not None:  # a --var on the command line has no file to point at
                self.emit(entry)
            return
        decl = module.source.variables.get(name)
        default = decl.block.body.attributes.get("default") if decl is not None else None
        if decl is not None and default is not None:
            self.emit(Origin(decl.file, default.pos.line, f'default of variable "{name}"'))
            self.push_all([_Item(default.expr, _Where(module), hops + 1)])

    def _local(self, module: ModuleInstance, name: str, hops: int) -> None:
        found = module.source.locals.get(name)
        if found is None or not self.visit(module, f"local.{name}"):
            return
        attr, file = found
        self.emit(Origin(file, attr.pos.line, f"local.{name}"))
        self.push_all([_Item(attr.expr, _Where(module), hops + 1)])

    def _output(self, module: ModuleInstance, call: str, name: str, hops: int) -> None:
        """`module.x.out` (or `module.x[0].out`): the output's value in every instance of x."""
        if call not in module.source.modules or not self.visit(module, f"module.{call}.{name}"):
            return
        children = module.children(call)
        for child in children if isinstance(children, list) else []:
            decl = child.source.outputs.get(name)
            value = decl.block.body.attributes.get("value") if decl is not None else None
            if decl is not None and value is not None:
                self.emit(Origin(decl.file, value.pos.line,
                                 f"output {name} of {module.prefix}module.{call}"))
                self.push_all([_Item(value.expr, _Where(child), hops + 1)])


def _operands(expr: A.Expr) -> list[A.Expr]:
    """The sub-expressions whose values a composite expression's value depends on (all of
    them, conditions and keys included: changing any of them can change the value)."""
    if isinstance(expr, A.Template):
        return list(expr.parts)
    if isinstance(expr, A.TupleExpr):
        return list(expr.items)
    if isinstance(expr, A.ObjectExpr):
        return [e for pair in expr.items for e in pair]
    if isinstance(expr, A.Relative):
        return [expr.source, *(s.key for s in expr.steps if isinstance(s, A.Index))]
    if isinstance(expr, A.Call):
        return list(expr.args)
    if isinstance(expr, A.Conditional):
        return [expr.cond, expr.then, expr.other]
    if isinstance(expr, A.Binary):
        return [expr.left, expr.right]
    if isinstance(expr, A.Unary):
        return [expr.operand]
    if isinstance(expr, A.ForExpr):
        parts = [expr.collection, expr.key, expr.value, expr.cond]
        return [e for e in parts if e is not None]
    return []  # literals and constructs that are not evaluated


def _attribute_exprs(body: A.Body, parts: list[str], where: _Where) -> list[tuple[A.Expr, _Where]]:
    """The expressions at a dotted path in a block body, through nested and dynamic blocks
    (like values_at, nested blocks are flattened). An attribute ends the path: the rest of it
    indexes into the attribute's value, which depends on the whole expression."""
    name, rest = parts[0], parts[1:]
    attr = body.attributes.get(name)
    if attr is not None:
        return [(attr.expr, where)]
    out: list[tuple[A.Expr, _Where]] = []
    for block in body.blocks if rest else []:
        if block.type == name:
            out += _attribute_exprs(block.body, rest, where)
        elif block.type == "dynamic" and block.labels[:1] == (name,):
            content = next((b for b in block.body.blocks if b.type == "content"), None)
            for_each = block.body.attributes.get("for_each")
            if content is None:
                continue
            inner = where
            if for_each is not None:
                inner = _Where(where.module, where.owner,
                               (*where.iterators, (_iterator(block), for_each.expr)))
            out += _attribute_exprs(content.body, rest, inner)
    return out


def _iterator(block: A.Block) -> str:
    attr = block.body.attributes.get("iterator")
    if attr is not None and isinstance(attr.expr, A.Traversal):
        return attr.expr.root
    return block.labels[0]


def _provider_exprs(inst: ResourceInstance, name: str) -> tuple[Origin | None,
                                                                 list[tuple[A.Expr, _Where]]]:
    """An attribute the resource does not set but its provider configuration does (a region):
    the provider block's argument, in the module that declares the provider."""
    from .regions import provider_key  # regions imports instances, which imports this module

    key = provider_key(inst)
    bound = inst.module.provider(key)
    if bound is None:
        return None, []
    module, decl = bound
    attr = decl.block.body.attributes.get(name)
    if attr is None:
        return None, []
    origin = Origin(decl.file, attr.pos.line, f'{name} of provider "{key}"')
    return origin, [(attr.expr, _Where(module))]


def origins(inst: ResourceInstance, path: str) -> tuple[Origin, ...]:
    """Where the value at `path` (a dotted attribute path, as for values()) came from, nearest
    first and without duplicates: () when it is written in place as a literal."""
    parts = [p for p in path.split(".") if p]
    if not parts:
        return ()
    walk = _Walk()
    start = _attribute_exprs(inst.decl.block.body, parts, _Where(inst.module, inst.decl))
    if not start and not inst.has(parts[0]):
        origin, start = _provider_exprs(inst, parts[0])
        if origin is not None:
            walk.emit(origin)
    return walk.run(start)


def input_origins(tfvars: Iterable[A.ParsedFile | None], given: Mapping[str, Any],
                  given_origins: Mapping[str, Origin]) -> dict[str, Origin]:
    """The entry that set each root input, in Terraform's order: the tfvars files (as listed,
    later files win), then the command line's --var-file/--var values (`given`), whose entries
    are in `given_origins` (a --var has none: its name then has no origin)."""
    out: dict[str, Origin] = {}
    for parsed in tfvars:
        if parsed is not None:
            out.update(entry_origins(parsed))
    for name in given:
        out.pop(name, None)
        if name in given_origins:
            out[name] = given_origins[name]
    return out


def entry_origins(parsed: A.ParsedFile) -> dict[str, Origin]:
    """Each entry of a parsed tfvars file, as the origin of the variable it sets."""
    return {var: Origin(parsed.path, attr.pos.line, f"value of var.{var}")
            for var, attr in parsed.body.attributes.items()}
