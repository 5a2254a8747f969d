"""Where a resource attribute's value came from: the chain of places a change to it can be made.

A finding is located at a resource block, but the value that made a link cross the border may
have been written elsewhere: a tfvars entry, a variable default, a module call's argument in the
caller, a local, a child module's output, the provider block. `origins()` walks the attribute's
expression statically and returns those places, nearest first: a module argument before the
caller's tfvars entry that fed it. A literal written in place has no origin; a reference to
another resource or data source stops the walk (that resource is located, and reported, where
it is).

The walk follows the element actually read: `local.site.peer` follows only the `peer` key of
the local's object, `var.peers[count.index]` only that instance's element, `module.x.out[0]`
only that output, and the steps carry on through module arguments, variable defaults, `for`
expressions and the functions that pass elements through (`merge`, `concat`, `lookup`, ...).
Index keys are evaluated with the evaluator (memoized values; an unknown key means any
element). Where the element cannot be told apart statically, the whole value is followed: an
origin too many, never one missing.

The walk is bounded (hops, origins, expression nodes) and never visits a definition twice with
the same steps, so a hostile or cyclic configuration costs little.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..hcl import ast as A
from ..model import Origin
from ..records import dataclass

if TYPE_CHECKING:
    from .instances import ModuleInstance, ResourceInstance
    from .source import Decl

MAX_HOPS = 16  # variable → module argument → caller's variable → ... deeper is not followed
MAX_ORIGINS = 32
MAX_NODES = 4096  # expression nodes visited per call: a huge literal list stops the walk early
MAX_STEPS = 32  # pending steps carried (deeper reads follow the whole value)


class _Keys:
    """The step that reads only a collection's keys (`each.key`)."""

    def __repr__(self) -> str:
        return "KEYS"


KEYS = _Keys()
# One pending read into a value: an attribute or map key, a list index, None for any element
# (a splat, an unknown key), or KEYS.
Key = str | int | _Keys | None
Steps = tuple[Key, ...]


@dataclass(frozen=True)
class _Bind:
    """A name bound by a dynamic block or a `for` expression: the collection it ranges over
    (in the scope the collection is written in), and the steps from that collection to it."""

    expr: A.Expr
    where: _Where
    steps: Steps
    dynamic: bool = False  # a dynamic block's iterator: an object with .key and .value


@dataclass(frozen=True)
class _Where:
    """The scope an expression is written in: its module, the block whose `count`/`for_each`
    `count.*`/`each.*` refer to (and that instance's key), the names bound by dynamic blocks
    and `for` expressions, and the evaluation scope index keys are computed in."""

    module: ModuleInstance
    owner: Decl | None = None
    iterators: tuple[tuple[str, _Bind], ...] = ()
    key: Any = None
    scope: Any = None  # instances.Scope; None: the module's own scope

    def bind(self, name: str, bound: _Bind) -> _Where:
        rest = tuple((n, b) for n, b in self.iterators if n != name)
        return _Where(self.module, self.owner, (*rest, (name, bound)), self.key, self.scope)


@dataclass(frozen=True)
class _Item:
    expr: A.Expr
    where: _Where
    hops: int
    steps: Steps = ()


class _Walk:
    """One origins() call: a depth-first walk that emits origins in the order it meets them."""

    def __init__(self) -> None:
        self.found: dict[Origin, None] = {}  # insertion-ordered set
        self.stack: list[_Item] = []
        self.seen: set[tuple[int, str, Steps]] = set()  # definitions followed, per module
        self.nodes = 0

    def emit(self, origin: Origin) -> None:
        if len(self.found) < MAX_ORIGINS:
            self.found.setdefault(origin, None)

    def visit(self, module: ModuleInstance, key: str, steps: Steps = ()) -> bool:
        """True the first time a definition is followed with these steps (cycles and diamonds
        stop here)."""
        marker = (id(module), key, steps)
        if marker in self.seen:
            return False
        self.seen.add(marker)
        return True

    def push_all(self, items: Iterable[_Item]) -> None:
        """Push so that the first item is walked first (the stack pops from the end)."""
        self.stack.extend(reversed(list(items)))

    def run(self, start: list[tuple[A.Expr, _Where, Steps]]) -> tuple[Origin, ...]:
        self.push_all(_Item(expr, where, 0, steps) for expr, where, steps in start)
        while self.stack and self.nodes < MAX_NODES and len(self.found) < MAX_ORIGINS:
            item = self.stack.pop()
            self.nodes += 1
            if isinstance(item.expr, A.Traversal):
                self._reference(item)
            else:
                self.push_all(_Item(e, w, item.hops, s[:MAX_STEPS])
                              for e, w, s in _operands(item.expr, item.steps, item.where))
        return tuple(self.found)

    # -- references ---------------------------------------------------------------------
    def _reference(self, item: _Item) -> None:
        t, where, hops = item.expr, item.where, item.hops
        assert isinstance(t, A.Traversal)
        # index keys are operands too: var.peers[var.site] depends on both variables (the
        # instance's own key, count.index or each.key, only picks the element read)
        self.push_all(_Item(s.key, where, hops) for s in t.steps
                      if isinstance(s, A.Index) and not _instance_key(s.key))
        if hops >= MAX_HOPS:
            return
        keys = (*_step_keys(t.steps, where), *item.steps)[:MAX_STEPS]
        names = dict(where.iterators)
        if t.root in names:
            self._iterator(names[t.root], keys, hops)
        elif t.root in ("each", "count"):
            self._meta(where, t.root, keys, hops)
        elif t.root == "var" and keys and isinstance(keys[0], str):
            self._variable(where.module, keys[0], keys[1:], hops)
        elif t.root == "local" and keys and isinstance(keys[0], str):
            self._local(where.module, keys[0], keys[1:], hops)
        elif t.root == "module" and keys and isinstance(keys[0], str):
            self._output(where.module, keys[0], keys[1:], hops)
        # anything else (resources, data sources, path, terraform): located where it is

    def _iterator(self, bound: _Bind, keys: Steps, hops: int) -> None:
        """`ingress.value.x` (dynamic block) or a `for` expression's variable: the element of
        the collection it ranges over."""
        if bound.dynamic:
            if keys[:1] == ("value",):
                keys = (*bound.steps, *keys[1:])
            elif keys[:1] == ("key",):
                keys = (KEYS,)
            else:
                keys = ()
        else:
            keys = (*bound.steps, *keys)
        self.push_all([_Item(bound.expr, bound.where, hops + 1, keys[:MAX_STEPS])])

    def _meta(self, where: _Where, root: str, keys: Steps, hops: int) -> None:
        """`each.value` / `each.key` / `count.index`: the block's own `for_each` or `count`
        expression, narrowed to this instance's element where its key is known."""
        owner = where.owner
        if owner is None:
            return
        body = owner.block.body.attributes
        meta = body.get("for_each") or body.get("count")
        if meta is None:
            return
        steps: Steps = ()
        if root == "each" and keys[:1] == ("value",) and "for_each" in body:
            steps = (_plain_key(where.key), *keys[1:])
        elif root == "each" and keys[:1] == ("key",):
            steps = (KEYS,)
        if not self.visit(where.module, f"meta {id(owner)}", steps):
            return
        self.push_all([_Item(meta.expr, _Where(where.module), hops + 1, steps)])

    def _variable(self, module: ModuleInstance, name: str, steps: Steps, hops: int) -> None:
        """As ModuleInstance._var chooses: the caller's argument, else the root's input (tfvars,
        --var-file, --var), else the variable's default."""
        if not self.visit(module, f"var.{name}", steps):
            return
        call, parent = module.call, module.parent
        if call is not None and parent is not None:
            given = call.block.body.attributes.get(name)
            if given is not None:
                address = f"{parent.prefix}module.{module.names[-1]}"
                self.emit(Origin(call.file, given.pos.line, f"argument {name} of {address}"))
                caller = _Where(parent, call, key=module.key, scope=module.call_scope)
                self.push_all([_Item(given.expr, caller, hops + 1, steps)])
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
            self.push_all([_Item(default.expr, _Where(module), hops + 1, steps)])

    def _local(self, module: ModuleInstance, name: str, steps: Steps, hops: int) -> None:
        found = module.source.locals.get(name)
        if found is None or not self.visit(module, f"local.{name}", steps):
            return
        attr, file = found
        self.emit(Origin(file, attr.pos.line, f"local.{name}"))
        self.push_all([_Item(attr.expr, _Where(module), hops + 1, steps)])

    def _output(self, module: ModuleInstance, call: str, keys: Steps, hops: int) -> None:
        """`module.x.out` (or `module.x[0].out`): the output's value in the instances of x that
        are read (all of them when the instance key is unknown)."""
        decl = module.source.modules.get(call)
        if decl is None or not self.visit(module, f"module.{call}", keys):
            return
        children = module.children(call)
        if not isinstance(children, list):
            return
        attrs = decl.block.body.attributes
        if "count" in attrs or "for_each" in attrs:
            if not keys:
                keys = (None,)
            wanted, keys = keys[0], keys[1:]
            if isinstance(wanted, (str, int)):
                children = [c for c in children if _plain_key(c.key) == wanted]
        name, rest = (keys[0], keys[1:]) if keys else (None, ())
        for child in children:
            outputs = [name] if isinstance(name, str) else sorted(child.source.outputs)
            for out in outputs:
                found = child.source.outputs.get(out)
                value = found.block.body.attributes.get("value") if found is not None else None
                if found is not None and value is not None:
                    self.emit(Origin(found.file, value.pos.line,
                                     f"output {out} of {module.prefix}module.{call}"))
                    self.push_all([_Item(value.expr, _Where(child), hops + 1, rest)])


def _plain_key(key: Any) -> str | int | None:
    """An instance key or index as a step (bool is not an index; unknown keys are None)."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, float) and key.is_integer():
        return int(key)
    return key if isinstance(key, str) else None


def _key_value(expr: A.Expr, where: _Where) -> Key:
    """The value of an index key, or None (any element) when it is not known statically."""
    if isinstance(expr, A.Literal):
        return _plain_key(expr.value)
    module = where.module
    scope = where.scope if where.scope is not None else module.scope()
    return _plain_key(module.project.evaluator.evaluate(expr, scope))  # never raises


def _step_keys(steps: tuple[A.Step, ...], where: _Where) -> Steps:
    out: list[Key] = []
    for s in steps:
        if isinstance(s, A.GetAttr):
            out.append(s.name)
        elif isinstance(s, A.Index):
            out.append(_key_value(s.key, where))
        else:
            out.append(None)  # a splat: every element
    return tuple(out)


def _instance_key(expr: A.Expr) -> bool:
    """`count.index` or `each.key`."""
    if not isinstance(expr, A.Traversal) or len(expr.steps) != 1:
        return False
    step = expr.steps[0]
    return isinstance(step, A.GetAttr) and (expr.root, step.name) in (("count", "index"),
                                                                        ("each", "key"))


def _is_name(expr: A.Expr | None, name: str | None) -> bool:
    return (name is not None and isinstance(expr, A.Traversal) and expr.root == name
            and not expr.steps)


def _static_key(expr: A.Expr) -> str | None:
    if isinstance(expr, A.Literal) and expr.value is not None and not isinstance(expr.value, bool):
        return str(expr.value)
    if (isinstance(expr, A.Template) and len(expr.parts) == 1
            and isinstance(expr.parts[0], A.Literal)):
        return str(expr.parts[0].value)
    return None


# Functions whose result is (an element of) their arguments: a read into the result is a read
# into the arguments. `_ELEMENTS`: lists and sets whose elements move (an index no longer
# names the same element: any element, the rest of the read kept).
_SAME = frozenset({"merge", "tomap", "coalesce", "try", "sensitive", "nonsensitive", "tostring",
                   "tonumber", "tobool"})
_ELEMENTS = frozenset({"concat", "tolist", "toset", "distinct", "compact", "sort", "reverse",
                       "coalescelist", "setunion", "setintersection", "setsubtract", "slice",
                       "values"})


def _call_operands(expr: A.Call, steps: Steps, where: _Where) -> list[tuple[A.Expr, _Where,
                                                                             Steps]]:
    args = list(expr.args)
    name = expr.name.removeprefix("provider::terraform::")
    if not steps or expr.expand_last:
        return [(a, where, ()) for a in args]
    first, rest = steps[0], steps[1:]
    moved: Steps = steps if isinstance(first, (str, _Keys)) else (None, *rest)
    if name in _SAME:
        return [(a, where, steps) for a in args]
    if name in _ELEMENTS:
        # slice(list, start, end): the list is read, the bounds are whole operands
        return [(a, where, moved if i == 0 or name not in ("slice",) else ())
                for i, a in enumerate(args)]
    if name == "lookup" and len(args) >= 2:
        key = _key_value(args[1], where)
        return [(args[0], where, (key, *steps)), (args[1], where, ()),
                *((a, where, steps) for a in args[2:])]
    if name == "element" and len(args) == 2:
        return [(args[0], where, (None, *steps)), (args[1], where, ())]
    if name == "one" and len(args) == 1:
        return [(args[0], where, (None, *steps))]
    if name == "zipmap" and len(args) == 2:
        return [(args[0], where, ()), (args[1], where, (None, *rest))]
    return [(a, where, ()) for a in args]


def _for_operands(expr: A.ForExpr, steps: Steps, where: _Where) -> list[tuple[A.Expr, _Where,
                                                                              Steps]]:
    """A `for` expression: its value expression (narrowed to the element read when its key is
    the collection's own key), its filter and key; the variables read the collection."""
    element: Steps = (None,)
    value_steps: Steps = ()
    key_read = True
    if steps:
        first, value_steps = steps[0], steps[1:]
        if isinstance(first, _Keys):
            value_steps = ()
        if (expr.key is not None and isinstance(first, str) and expr.key_var
                and _is_name(expr.key, expr.key_var)):
            element, key_read = (first,), False  # {for k, v in m : k => ...}["a"]: m["a"]
    inner = where.bind(expr.value_var, _Bind(expr.collection, where, element))
    if expr.key_var:
        inner = inner.bind(expr.key_var, _Bind(expr.collection, where, (KEYS,)))
    out: list[tuple[A.Expr, _Where, Steps]] = []
    if steps and isinstance(steps[0], _Keys):
        if expr.key is not None:
            out.append((expr.key, inner, ()))
    else:
        out.append((expr.value, inner, value_steps))
    if expr.key is not None and key_read and not (steps and isinstance(steps[0], _Keys)):
        out.append((expr.key, inner, ()))
    if expr.cond is not None:
        out.append((expr.cond, inner, ()))
    return out


def _operands(expr: A.Expr, steps: Steps, where: _Where) -> list[tuple[A.Expr, _Where, Steps]]:
    """The sub-expressions whose values the read `steps` into a composite expression's value
    depends on (all of them, conditions and keys included, when the whole value is read:
    changing any of them can change the value)."""
    none: Steps = ()
    whole = [(e, where, none) for e in _whole_operands(expr)]
    if not steps:
        if isinstance(expr, A.ForExpr):
            return _for_operands(expr, (), where)
        return whole
    first, rest = steps[0], steps[1:]
    if isinstance(expr, A.Template):
        if len(expr.parts) == 1 and not isinstance(expr.parts[0], A.Literal):
            return [(expr.parts[0], where, steps)]  # "${x}" is x
        return whole
    if isinstance(expr, A.TupleExpr):
        if isinstance(first, _Keys):  # a set's keys are its elements
            return [(e, where, ()) for e in expr.items]
        if isinstance(first, str):
            if any(_static_key(e) == first for e in expr.items):
                return []  # a literal element of a set: no origin beyond its definition
            if first.isdigit():
                first = int(first)
            else:  # an attribute read from every element (nested blocks, implicit splat)
                return [(e, where, steps) for e in expr.items]
        if isinstance(first, int):
            return [(expr.items[first], where, rest)] if 0 <= first < len(expr.items) else []
        return [(e, where, rest) for e in expr.items]
    if isinstance(expr, A.ObjectExpr):
        if isinstance(first, _Keys):
            return [(k, where, ()) for k, _ in expr.items]
        wanted = None if first is None else str(first)
        out: list[tuple[A.Expr, _Where, Steps]] = []
        for k, v in expr.items:
            static = _static_key(k)
            if static is None:
                out += [(k, where, ()), (v, where, rest)]
            elif wanted is None or static == wanted:
                out.append((v, where, rest))
        return out
    if isinstance(expr, A.Relative):
        keys = (*_step_keys(expr.steps, where), *steps)[:MAX_STEPS]
        return [(expr.source, where, keys),
                *((s.key, where, ()) for s in expr.steps if isinstance(s, A.Index))]
    if isinstance(expr, A.Call):
        return _call_operands(expr, steps, where)
    if isinstance(expr, A.Conditional):
        return [(expr.cond, where, ()), (expr.then, where, steps), (expr.other, where, steps)]
    if isinstance(expr, A.ForExpr):
        return _for_operands(expr, steps, where)
    return whole  # operators: a number or bool computed from all operands


def _whole_operands(expr: A.Expr) -> list[A.Expr]:
    """Every sub-expression of a composite expression."""
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
    return []  # literals and constructs that are not evaluated


def _attribute_exprs(body: A.Body, parts: list[str],
                     where: _Where) -> list[tuple[A.Expr, _Where, Steps]]:
    """The expressions at a dotted path in a block body, through nested and dynamic blocks
    (like values_at, nested blocks are flattened). An attribute ends the path: the rest of it
    is read from the attribute's value."""
    name, rest = parts[0], parts[1:]
    attr = body.attributes.get(name)
    if attr is not None:
        return [(attr.expr, where, tuple(rest))]
    out: list[tuple[A.Expr, _Where, Steps]] = []
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
                inner = where.bind(_iterator(block),
                                   _Bind(for_each.expr, where, (None,), dynamic=True))
            out += _attribute_exprs(content.body, rest, inner)
    return out


def _iterator(block: A.Block) -> str:
    attr = block.body.attributes.get("iterator")
    if attr is not None and isinstance(attr.expr, A.Traversal):
        return attr.expr.root
    return block.labels[0]


def _provider_exprs(inst: ResourceInstance, name: str) -> tuple[Origin | None,
                                                                list[tuple[A.Expr, _Where, Steps]]]:
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
    return origin, [(attr.expr, _Where(module), ())]


def origins(inst: ResourceInstance, path: str) -> tuple[Origin, ...]:
    """Where the value at `path` (a dotted attribute path, as for values()) came from, nearest
    first and without duplicates: () when it is written in place as a literal."""
    parts = [p for p in path.split(".") if p]
    if not parts:
        return ()
    walk = _Walk()
    where = _Where(inst.module, inst.decl, key=inst.key, scope=inst.scope)
    start = _attribute_exprs(inst.decl.block.body, parts, where)
    if not start and not inst.has(parts[0]):
        origin, start = _provider_exprs(inst, parts[0])
        if origin is not None:
            walk.emit(origin)
    return walk.run(start)


def origins_at(inst: ResourceInstance, attr: str, keys: tuple[str | int, ...]) -> tuple[Origin, ...]:
    """Where the value at `keys` inside attribute `attr` came from (keys of an object value
    that may hold dots or slashes, such as a Kubernetes label), nearest first. `attr` may be
    a dotted path through nested blocks (`metadata.labels`)."""
    where = _Where(inst.module, inst.decl, key=inst.key, scope=inst.scope)
    start = _attribute_exprs(inst.decl.block.body, attr.split("."), where)
    return _Walk().run([(e, w, (*rest, *keys)[:MAX_STEPS]) for e, w, rest in start])


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
