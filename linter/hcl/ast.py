"""The syntax tree the evaluator reads. Positions are 1-based lines and columns."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(slots=True)
class Attribute:
    name: str
    expr: Expr
    pos: Pos


@dataclass(slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    pos: Pos


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
