"""Fuzz the HCL front end: for any input, a parse outcome (maybe with an error), never an
exception; bodies converted later report errors instead of raising."""

from __future__ import annotations

from typing import Any

from _fuzz_strategies import FUZZ, HCL_EXPR, HCL_FILE, JSON_TEXT
from exitlint.hcl import ast as A
from exitlint.hcl.json_syntax import parse_json
from exitlint.hcl.parser import HclSyntaxError, parse_expression, parse_hcl, parse_template
from exitlint.terraform.expressions import Evaluator
from exitlint.terraform.files import _LiteralScope
from hypothesis import given
from hypothesis import strategies as st


def _walk(body: A.Body, ev: Evaluator, depth: int = 0) -> None:
    """Convert every lazy body and evaluate every attribute, as a scan would."""
    for attr in body.attributes.values():
        ev.evaluate(attr.expr, _LiteralScope())
    if depth < 8:
        for block in body.blocks:
            _walk(block.body, ev, depth + 1)


def _check(outcome: Any) -> None:
    assert isinstance(outcome.file, A.ParsedFile)
    if outcome.error is not None:
        assert isinstance(outcome.error, HclSyntaxError)
        assert outcome.error.line >= 1 and outcome.error.column >= 1
    _walk(outcome.file.body, Evaluator())
    for err in outcome.file.deferred_errors:
        assert isinstance(err, HclSyntaxError) and err.line >= 1


@FUZZ
@given(st.binary(max_size=3000))
def test_parse_hcl_any_bytes(data: bytes) -> None:
    _check(parse_hcl(data, "fuzz.tf"))


@FUZZ
@given(HCL_FILE)
def test_parse_hcl_grammar_shaped(text: str) -> None:
    _check(parse_hcl(text.encode(), "fuzz.tf"))
    _check(parse_hcl(text.encode(), "fuzz.tf", lazy=False))


@FUZZ
@given(st.one_of(JSON_TEXT, st.binary(max_size=500).map(lambda b: b.decode("latin-1"))))
def test_parse_json_syntax(text: str) -> None:
    _check(parse_json(text.encode(), "fuzz.tf.json"))
    _check(parse_json(text.encode(), "fuzz.tfvars.json", tfvars=True))


@FUZZ
@given(st.one_of(HCL_EXPR, st.text(max_size=200)))
def test_parse_expression_and_template(text: str) -> None:
    for parse in (parse_expression, parse_template):
        try:
            expr = parse(text)
        except HclSyntaxError:
            continue
        Evaluator().evaluate(expr, _LiteralScope())
