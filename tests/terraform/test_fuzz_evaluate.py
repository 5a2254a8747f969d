"""Fuzz the expression evaluator: random expressions against a scope with varied values give a
value or an Unknown, never an exception, never anything evaluated as Python."""

from __future__ import annotations

import os
from typing import Any

from _fuzz_strategies import FUZZ, HCL_EXPR, JSON_VALUE
from exitlint.hcl.parser import HclSyntaxError, parse_expression
from exitlint.terraform import functions
from exitlint.terraform.expressions import Evaluator
from exitlint.terraform.values import ResourceRef, Unknown
from hypothesis import given
from hypothesis import strategies as st


class DummyScope:
    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names

    def root(self, name: str) -> Any:
        if name in self.names:
            return self.names[name]
        if name == "aws_vpc":
            return ResourceRef("aws_vpc.main", "id", None)
        return Unknown(f"{name} is not known")

    def with_vars(self, values: dict[str, Any]) -> DummyScope:
        return DummyScope({**self.names, **values})

    def file_text(self, path: str) -> str | Unknown:
        return "${a} template" if path == "t.tpl" else Unknown("no files here")


SCOPES = st.dictionaries(st.sampled_from(["var", "local", "x", "a", "each", "count", "module"]),
                         JSON_VALUE, max_size=5).map(DummyScope)


def _plain(value: Any, depth: int = 0) -> None:
    """Results are plain data (or Unknown/references), never code objects."""
    assert depth < 200
    if isinstance(value, list):
        for v in value:
            _plain(v, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            _plain(v, depth + 1)
    else:
        assert value is None or isinstance(value, (str, int, float, bool, Unknown, ResourceRef)) \
            or hasattr(value, "get"), type(value)


@FUZZ
@given(HCL_EXPR, SCOPES)
def test_evaluate_random_expressions(text: str, scope: DummyScope) -> None:
    try:
        expr = parse_expression(text)
    except HclSyntaxError:
        return
    _plain(Evaluator().evaluate(expr, scope))


@FUZZ
@given(st.sampled_from(sorted(functions.FUNCTIONS)), st.lists(JSON_VALUE, max_size=4))
def test_functions_never_raise(name: str, args: list[Any]) -> None:
    _plain(functions.call(name, args))


def test_python_in_expressions_is_never_evaluated() -> None:
    for text in ['"${__import__("os").system("touch /tmp/exitlint-pwned")}"',
                 '__import__("os")', 'eval("1+1")', '"%s" % __import__', 'exec("x")']:
        try:
            expr = parse_expression(text)
        except HclSyntaxError:
            continue  # not HCL at all (a method call): refused before any evaluation
        value = Evaluator().evaluate(expr, DummyScope({}))
        assert isinstance(value, Unknown), (text, value)
    assert not os.path.exists("/tmp/exitlint-pwned")
