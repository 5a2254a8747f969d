"""Terraform JSON syntax (`.tf.json`, `.tfvars.json`) mapped onto the same syntax tree.

A JSON document is also a valid HCL expression, so tree-sitter-hcl parses it with
positions, and `${...}` inside strings becomes a template as Terraform reads it.
"""

from __future__ import annotations

from . import ast as A
from .parser import HclSyntaxError, ParseOutcome, parse_hcl

_PREFIX = b"__json = "

# Block types whose JSON form nests labels as object keys, and how many labels.
_LABELS = {"resource": 2, "data": 2, "variable": 1, "output": 1, "module": 1, "provider": 1,
           "locals": 0, "terraform": 0, "moved": 0, "import": 0, "check": 1}


def _key(expr: A.Expr) -> str | None:
    if isinstance(expr, A.Literal) and isinstance(expr.value, str):
        return expr.value
    return None


def _object_body(expr: A.Expr) -> A.Body:
    body = A.Body()
    if isinstance(expr, A.ObjectExpr):
        for k, v in expr.items:
            name = _key(k)
            if name is None or name == "//":
                continue
            body.attributes[name] = A.Attribute(name, v, k.pos)
    return body


def _blocks(btype: str, depth: int, expr: A.Expr, labels: tuple[str, ...], pos: A.Pos,
            out: list[A.Block]) -> None:
    if depth == 0:
        items = expr.items if isinstance(expr, A.TupleExpr) else (expr,)
        for item in items:
            out.append(A.Block(btype, labels, _object_body(item), pos))
        return
    if not isinstance(expr, A.ObjectExpr):
        return
    for k, v in expr.items:
        name = _key(k)
        if name is None or name == "//":
            continue
        _blocks(btype, depth - 1, v, (*labels, name), A.Pos(k.pos.line, k.pos.column, v.pos.end_line),
                out)


def parse_json(src: bytes, path: str, tfvars: bool = False) -> ParseOutcome:
    outcome = parse_hcl(_PREFIX + src, path, lazy=False)
    err = outcome.error
    if err is not None and err.line == 1:
        err = HclSyntaxError(err.message.replace("HCL", "JSON"), 1, max(1, err.column - len(_PREFIX)))
    elif err is not None:
        err = HclSyntaxError(err.message.replace("HCL", "JSON"), err.line, err.column)
    attr = outcome.file.body.attributes.get("__json")
    body = A.Body()
    if attr is None or not isinstance(attr.expr, A.ObjectExpr):
        if err is None:
            err = HclSyntaxError("JSON syntax error: the document is not an object", 1, 1)
        return ParseOutcome(A.ParsedFile(path, body, []), err)
    if tfvars:
        return ParseOutcome(A.ParsedFile(path, _object_body(attr.expr), []), err)
    for k, v in attr.expr.items:
        btype = _key(k)
        if btype is None or btype == "//":
            continue
        depth = _LABELS.get(btype, 0)
        _blocks(btype, depth, v, (), A.Pos(k.pos.line, k.pos.column, v.pos.end_line), body.blocks)
    return ParseOutcome(A.ParsedFile(path, body, []), err)
