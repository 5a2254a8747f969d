"""Hypothesis strategies shared by the fuzz tests: grammar-shaped HCL, YAML and policy input."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded so the whole fuzz set runs in well under a minute; raise max_examples locally with
# HYPOTHESIS_PROFILE=deep (registered below) to fuzz for longer.
settings.register_profile("exitlint", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.register_profile("deep", max_examples=5000, deadline=None,
                          suppress_health_check=list(HealthCheck))
FUZZ = settings.get_profile("exitlint")

IDENT = st.sampled_from(["a", "b", "x", "name", "region", "ip_address", "each", "count", "var",
                         "local", "module", "data", "path", "self", "for", "in", "if", "null",
                         "true", "aws_vpc", "__import__", "os", "_"])
FUNC = st.sampled_from(["format", "join", "lookup", "element", "concat", "merge", "cidrhost",
                        "cidrsubnet", "tostring", "tonumber", "tolist", "toset", "range",
                        "replace", "split", "substr", "length", "flatten", "jsondecode",
                        "jsonencode", "base64decode", "file", "templatefile", "try", "can",
                        "coalesce", "max", "min", "zipmap", "regex", "eval", "exec", "__import__"])
STRING_CHARS = st.text(alphabet=st.sampled_from(list('ab c$%{}\\"\n\t\'é€\x00~')), max_size=12)
OPS = st.sampled_from(["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"])


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _traversal() -> st.SearchStrategy[str]:
    step = st.one_of(IDENT.map(lambda n: "." + n),
                     st.integers(-2, 5).map(lambda i: f"[{i}]"),
                     st.just("[*]"), st.just(".*"),
                     st.text(alphabet="abx", max_size=3).map(lambda s: f"[{_quote(s)}]"))
    return st.builds(lambda root, steps: root + "".join(steps), IDENT,
                     st.lists(step, max_size=4))


LEAF = st.one_of(
    st.integers(-10**20, 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: repr(f).replace("e+", "e")),
    st.sampled_from(["true", "false", "null", '""', '"cn-north-1"', '"18.184.10.10"',
                     '"10.0.0.0/8"', '"${"', '"%{ if true }x%{ endif }"', "1e400", "-0"]),
    STRING_CHARS.map(_quote),
    _traversal(),
)


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.one_of(IDENT, STRING_CHARS.map(_quote)), inner), max_size=4)
        .map(lambda kv: "{" + ", ".join(f"{k} = {v}" for k, v in kv) + "}"),
        st.builds(lambda f, a, e: f"{f}({', '.join(a)}{'...' if e and a else ''})",
                  FUNC, st.lists(inner, max_size=3), st.booleans()),
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner, OPS, inner),
        st.builds(lambda op, a: f"{op}{a}", st.sampled_from(["-", "!"]), inner),
        st.builds(lambda c, a, b: f"{c} ? {a} : {b}", inner, inner, inner),
        inner.map(lambda a: f"({a})"),
        st.builds(lambda parts: '"' + "".join(f"x${{{p}}}" for p in parts) + '"',
                  st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda k, v, coll, body, cond: f"[for {k}, {v} in {coll} : {body}"
                  + (f" if {cond}" if cond else "") + "]",
                  IDENT, IDENT, inner, inner, st.one_of(st.none(), inner)),
        st.builds(lambda v, coll, key, body: f"{{for {v} in {coll} : {key} => {body}...}}",
                  IDENT, inner, inner, inner),
        st.builds(lambda body: f"<<-EOT\n  {body}\n  EOT\n", inner),
        st.builds(lambda e, steps: f"({e}){steps}", inner,
                  st.sampled_from(["", "[0]", ".a", "[*].b", '["k"]'])),
    )


HCL_EXPR = st.recursive(LEAF, _extend, max_leaves=12)

BLOCK_TYPES = st.sampled_from(["resource", "data", "module", "variable", "output", "locals",
                               "provider", "terraform", "dynamic", "content", "lifecycle",
                               "ingress", "tunnel1_options", "x"])


def _body(depth: int) -> st.SearchStrategy[str]:
    attr = st.builds(lambda n, e: f"{n} = {e}\n", IDENT, HCL_EXPR)
    if depth <= 0:
        return st.lists(attr, max_size=4).map("".join)
    block = st.builds(
        lambda t, labels, body: f"{t} {' '.join(_quote(x) for x in labels)} {{\n{body}}}\n",
        BLOCK_TYPES, st.lists(st.sampled_from(["aws_customer_gateway", "aws_vpn_connection",
                                               "g", "hk", "a b", "${x}"]), max_size=2),
        _body(depth - 1))
    comment = st.sampled_from(["# exitlint:ignore XB101 reason=\"x\"\n", "// c\n", "/* c */\n",
                               "# exitlint:ignore XB999 until=2020-99-99\n"])
    return st.lists(st.one_of(attr, block, comment), max_size=5).map("".join)


HCL_FILE = _body(3)


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        st.text(max_size=10), st.sampled_from(["${var.x}", "${", "cn-north-1"]))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["resource", "locals", "variable", "module", "a", "//",
                                         "apiVersion", "kind", "metadata", "spec", "data"]),
                        inner, max_size=4)), max_leaves=15)


JSON_VALUE = _json_values()
JSON_TEXT = JSON_VALUE.map(json.dumps)

YAML_NOISE = st.text(alphabet=st.sampled_from(list("ab:-&*!|>{}[],#%@?'\"\n \t<=~^`\\x01é")),
                     max_size=120)

# -- type mutations of real documents --------------------------------------------------------
# Every path of a real manifest or plan, with its value replaced by one of another JSON type:
# the shapes that crashed whole scans (a ConfigMap whose metadata is null, a plan whose
# `resources` is a number) and their relatives.
WRONG_TYPES: tuple[Any, ...] = (None, [], {}, "x", 1, True, [{"a": 1}])
# in place of a scalar, another scalar is read through str() or compared: containers are what
# break code that expects a scalar (fewer scans: the suite stays well under a minute)
WRONG_FOR_SCALARS: tuple[Any, ...] = (None, [], {"a": 1})
Path_ = tuple[str | int, ...]


def wrong_types(value: Any) -> tuple[Any, ...]:
    return WRONG_TYPES if isinstance(value, (dict, list)) else WRONG_FOR_SCALARS


def value_at(doc: Any, trail: Path_) -> Any:
    for step in trail:
        doc = doc[step]
    return doc


def json_paths(node: Any, trail: Path_ = ()) -> list[Path_]:
    """Every path in a JSON-shaped document, the document itself (`()`) included."""
    out = [trail]
    if isinstance(node, dict):
        for k, v in node.items():
            out += json_paths(v, (*trail, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += json_paths(v, (*trail, i))
    return out


def replaced(doc: Any, trail: Path_, value: Any) -> Any:
    """A copy of `doc` with the value at `trail` replaced."""
    if not trail:
        return value
    head, rest = trail[0], trail[1:]
    if isinstance(doc, dict):
        return {**doc, head: replaced(doc[head], rest, value)}
    items = list(doc)
    items[int(head)] = replaced(items[int(head)], rest, value)
    return items
