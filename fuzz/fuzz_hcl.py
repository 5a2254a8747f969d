"""atheris: the HCL front end (native and JSON syntax) on arbitrary bytes; every lazily
converted body is forced and every attribute evaluated. Any exception is a bug."""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from exitlint.hcl import ast as A
    from exitlint.hcl.json_syntax import parse_json
    from exitlint.hcl.parser import parse_hcl
    from exitlint.terraform.expressions import Evaluator
    from exitlint.terraform.files import _LiteralScope

from _common import run


def _walk(body: A.Body, ev: Evaluator, depth: int = 0) -> None:
    for attr in body.attributes.values():
        ev.evaluate(attr.expr, _LiteralScope())
    if depth < 8:
        for block in body.blocks:
            _walk(block.body, ev, depth + 1)


def target(data: bytes) -> None:
    for outcome in (parse_hcl(data, "fuzz.tf"), parse_json(data, "fuzz.tf.json")):
        _walk(outcome.file.body, Evaluator())


if __name__ == "__main__":
    run(target)
