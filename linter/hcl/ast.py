"""The syntax tree the evaluator reads. Positions are 1-based lines and columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any

from ..records import dataclass


@dataclass(frozen=True, slots=True)
class Pos:
    line: int
    column: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Literal:
    value: str | int | float | bool | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Template:
    parts: tuple[Expr, ...]  # Literal(str) pieces and interpolated expressions
    pos: Pos


@dataclass(frozen=True, slots=True)
class TupleExpr:
    items: tuple[Expr, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class ObjectExpr:
    items: tuple[tuple[Expr, Expr], ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class GetAttr:
    name: str


@dataclass(frozen=True, slots=True)
class Index:
    key: Expr


@dataclass(frozen=True, slots=True)
class Splat:
    """`[*]` or `.*`: the following steps apply to every element."""


Step = GetAttr | Index | Splat


@dataclass(frozen=True, slots=True)
class Traversal:
    root: str
    steps: tuple[Step, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Relative:
    """Steps applied to a computed value, e.g. `foo(x).a` or `[1, 2][0]`."""

    source: Expr
    steps: tuple[Step, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Expr, ...]
    expand_last: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class Conditional:
    cond: Expr
    then: Expr
    other: Expr
    pos: Pos


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Expr
    right: Expr
    pos: Pos


@dataclass(frozen=True, slots=True)
class Unary:
    op: str
    operand: Expr
    pos: Pos


@dataclass(frozen=True, slots=True)
class ForExpr:
    key_var: str | None
    value_var: str
    collection: Expr
    key: Expr | None  # set for object comprehensions
    value: Expr
    cond: Expr | None
    grouping: bool
    pos: Pos


@dataclass(frozen=True, slots=True)
class Opaque:
    """A construct we do not evaluate (template directives); always Unknown."""

    what: str
    pos: Pos


Expr = (Literal | Template | TupleExpr | ObjectExpr | Traversal | Relative | Call | Conditional
        | Binary | Unary | ForExpr | Opaque)


class Attribute:
    """`name = expr`; the expression may be converted on first use (the arguments of module
    calls and local values: most are never evaluated)."""

    __slots__ = ("_expr", "_load", "name", "pos")

    def __init__(self, name: str, expr: Expr | None, pos: Pos,
                 load: Callable[[], Expr] | None = None) -> None:
        self.name = name
        self.pos = pos
        self._expr = expr
        self._load = load

    @property
    def expr(self) -> Expr:
        if self._expr is None:
            self._expr = self._load() if self._load is not None else Opaque("no expression",
                                                                             self.pos)
            self._load = None
        return self._expr

    @expr.setter
    def expr(self, value: Expr) -> None:
        self._expr, self._load = value, None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Attribute):
            return NotImplemented
        return (self.name, self.expr, self.pos) == (other.name, other.expr, other.pos)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Attribute(name={self.name!r}, expr={self.expr!r}, pos={self.pos!r})"

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.name, self.expr, self.pos)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.name, self._expr, self.pos = state
        self._load = None


class Block:
    """A block; its body may be converted on first use (most bodies are never evaluated)."""

    __slots__ = ("_body", "_load", "labels", "pos", "type")

    def __init__(self, type: str, labels: tuple[str, ...], body: Body | None, pos: Pos,
                 load: Callable[[], Body] | None = None) -> None:
        self.type = type
        self.labels = labels
        self.pos = pos
        self._body = body
        self._load = load

    @property
    def body(self) -> Body:
        if self._body is None:
            self._body = self._load() if self._load is not None else Body()
            self._load = None
        return self._body

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.type, self.labels, self.body, self.pos)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.type, self.labels, self._body, self.pos = state
        self._load = None

    def __repr__(self) -> str:
        return f"Block({self.type!r}, {self.labels!r}, line {self.pos.line})"


@dataclass(slots=True)
class Body:
    attributes: dict[str, Attribute] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Comment:
    line: int
    column: int
    text: str


@dataclass(slots=True)
class ParsedFile:
    path: str
    body: Body
    comments: list[Comment]
    # errors found when a lazily converted block is first used (e.g. too deep nesting)
    deferred_errors: list[Any] = field(default_factory=list)
