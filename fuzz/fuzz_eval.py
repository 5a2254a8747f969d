"""atheris: expressions through parse_expression + Evaluator, and template files through
parse_template; a syntax error is fine, any other exception is a bug."""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from exitlint.hcl.parser import HclSyntaxError, parse_expression, parse_template
    from exitlint.terraform.expressions import Evaluator
    from exitlint.terraform.files import _LiteralScope

from _common import run


def target(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(4096)
    for parse in (parse_expression, parse_template):
        try:
            expr = parse(text)
        except HclSyntaxError:
            continue
        Evaluator().evaluate(expr, _LiteralScope())


if __name__ == "__main__":
    run(target)
