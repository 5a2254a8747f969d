"""HCL native syntax and Terraform JSON syntax: positions, strings, expressions, recovery."""

from __future__ import annotations

import pytest
from exitlint.hcl import ast as A
from exitlint.hcl.json_syntax import parse_json
from exitlint.hcl.parser import parse_expression, parse_hcl

SRC = b'''# top comment
resource "aws_vpc" "main" {
  cidr = "10.0.0.0/16" // trailing
  n    = 3
  f    = 1.5
  b    = true
  z    = null

  nested {
    a = 1
  }
}

/* block
   comment */
locals {
  x = 1
}
'''


def parse(src: bytes | str) -> A.ParsedFile:
    data = src.encode() if isinstance(src, str) else src
    outcome = parse_hcl(data, "t.tf")
    assert outcome.error is None, outcome.error
    return outcome.file


def attr(src: str, name: str = "x") -> A.Expr:
    return parse(src).body.attributes[name].expr


def test_blocks_labels_and_positions() -> None:
    f = parse(SRC)
    blocks = f.body.blocks
    assert [(b.type, b.labels) for b in blocks] == [("resource", ("aws_vpc", "main")),
                                                    ("locals", ())]
    vpc = blocks[0]
    assert (vpc.pos.line, vpc.pos.column, vpc.pos.end_line) == (2, 1, 12)
    assert vpc.body.attributes["cidr"].pos.line == 3
    assert vpc.body.attributes["cidr"].pos.column == 3
    assert vpc.body.attributes["n"].pos.line == 4
    assert blocks[1].pos.line == 16
    nested = vpc.body.blocks[0]
    assert nested.type == "nested" and nested.labels == ()
    assert (nested.pos.line, nested.pos.end_line) == (9, 11)
    assert nested.body.attributes["a"].pos.line == 10


def test_literal_values() -> None:
    attrs = parse(SRC).body.blocks[0].body.attributes
    assert attrs["cidr"].expr == A.Literal("10.0.0.0/16", attrs["cidr"].expr.pos)
    assert attrs["n"].expr.value == 3 and isinstance(attrs["n"].expr.value, int)
    assert attrs["f"].expr.value == 1.5
    assert attrs["b"].expr.value is True
    assert isinstance(attrs["z"].expr, A.Literal) and attrs["z"].expr.value is None


def test_identifier_labels_and_block_without_labels() -> None:
    f = parse('resource aws_vpc main {\n}\nterraform {\n  required_version = ">= 1.0"\n}\n')
    assert [(b.type, b.labels) for b in f.body.blocks] == [("resource", ("aws_vpc", "main")),
                                                           ("terraform", ())]


def test_comments_collected_with_positions() -> None:
    comments = parse(SRC).comments
    texts = [(c.line, c.column, c.text) for c in comments]
    assert (1, 1, "# top comment") in texts
    assert (3, 24, "// trailing") in texts
    assert any(line == 14 and text.startswith("/* block") for line, _, text in texts)
    nested = parse('resource "a" "b" {\n  # inside\n  x = 1\n}\n').comments
    assert [(c.line, c.column, c.text) for c in nested] == [(2, 3, "# inside")]


def test_heredoc_keeps_indentation() -> None:
    e = attr("x = <<EOT\n  line1\n    line2\nEOT\n")
    assert isinstance(e, A.Literal)
    assert e.value == "  line1\n    line2\n"


def test_indented_heredoc_strips_common_indentation() -> None:
    e = attr("x = <<-EOT\n    alpha\n      beta\n    EOT\n")
    assert isinstance(e, A.Literal)
    assert e.value == "alpha\n  beta\n"


def test_heredoc_with_interpolation() -> None:
    e = attr("x = <<-EOT\n    host ${var.peer}\n    EOT\n")
    assert isinstance(e, A.Template)
    lits = [p.value for p in e.parts if isinstance(p, A.Literal)]
    refs = [p for p in e.parts if isinstance(p, A.Traversal)]
    assert lits[0] == "host " and lits[-1] == "\n"
    assert refs and refs[0].root == "var" and refs[0].steps == (A.GetAttr("peer"),)


@pytest.mark.parametrize(("src", "value"), [
    (r'"a\tb"', "a\tb"),
    (r'"q\"q"', 'q"q'),
    (r'"back\\slash"', "back\\slash"),
    (r'"nl\n"', "nl\n"),
    (r'"\u00e9"', "\u00e9"),
    (r'"\U0001F600"', "\U0001F600"),
    ('"$${not.interp}"', "${not.interp}"),
    ('"%%{not.directive}"', "%{not.directive}"),
])
def test_string_escapes(src: str, value: str) -> None:
    e = attr(f"x = {src}\n")
    assert isinstance(e, A.Literal)
    assert e.value == value


def test_template_with_interpolation() -> None:
    e = attr('x = "pre-${var.name}-${upper(local.n)}-post"\n')
    assert isinstance(e, A.Template)
    assert e.pos.line == 1
    kinds = [type(p).__name__ for p in e.parts]
    assert kinds == ["Literal", "Traversal", "Literal", "Call", "Literal"]
    assert e.parts[0].value == "pre-" and e.parts[-1].value == "-post"
    assert e.parts[1].root == "var"
    assert e.parts[3].name == "upper"


def test_binary_operation_on_literals() -> None:
    e = attr("x = 1 + 2\n")
    assert isinstance(e, A.Binary) and e.op == "+"


@pytest.mark.parametrize("src", ['x = var.env == "prod"\n', "x = local.n + 1\n",
                                 'x = "${local.n + 1}"\n'])
def test_binary_operation_with_traversal_operand(src: str) -> None:
    e = attr(src)
    if isinstance(e, A.Template):
        e = e.parts[0]
    assert isinstance(e, A.Binary)
    assert isinstance(e.left, A.Traversal) and len(e.left.steps) == 1


def test_template_directive_is_opaque() -> None:
    e = attr('x = "%{ if var.a }yes%{ endif }"\n')
    assert isinstance(e, A.Template)
    assert any(isinstance(p, A.Opaque) for p in e.parts)


def test_for_expressions() -> None:
    tup = attr('x = [for k, v in var.m : upper(v) if k != "skip"]\n')
    assert isinstance(tup, A.ForExpr)
    assert (tup.key_var, tup.value_var, tup.key) == ("k", "v", None)
    assert isinstance(tup.value, A.Call) and tup.value.name == "upper"
    assert isinstance(tup.cond, A.Binary) and tup.cond.op == "!="
    obj = attr("x = {for s in var.l : s => s...}\n")
    assert isinstance(obj, A.ForExpr)
    assert obj.key is not None and obj.grouping is True and obj.key_var is None


def test_splats() -> None:
    full = attr("x = aws_instance.web[*].id\n")
    assert isinstance(full, A.Traversal)
    assert full.steps == (A.GetAttr("web"), A.Splat(), A.GetAttr("id"))
    legacy = attr("x = var.list.*.name\n")
    assert legacy.steps == (A.GetAttr("list"), A.Splat(), A.GetAttr("name"))


@pytest.mark.parametrize("src", ["x = !var.on\n", "x = -local.n\n"])
def test_unary_operation_on_traversal(src: str) -> None:
    e = attr(src)
    assert isinstance(e, A.Unary)
    assert isinstance(e.operand, A.Traversal) and len(e.operand.steps) == 1


def test_traversals_calls_conditionals() -> None:
    e = attr('x = var.on ? lookup(local.m, "k", "d") : module.net.out[0]\n')
    assert isinstance(e, A.Conditional)
    assert isinstance(e.then, A.Call) and e.then.name == "lookup" and len(e.then.args) == 3
    assert isinstance(e.other, A.Traversal)
    assert e.other.steps[-1] == A.Index(A.Literal(0, e.other.steps[-1].key.pos))
    spread = attr("x = concat(var.a...)\n")
    assert isinstance(spread, A.Call) and spread.expand_last is True


def test_object_keys_are_strings() -> None:
    e = attr('x = { region = "a", "quoted" = 2 }\n')
    assert isinstance(e, A.ObjectExpr)
    assert [k.value for k, _ in e.items] == ["region", "quoted"]


def test_parse_expression() -> None:
    e = parse_expression('["a", 1]')
    assert isinstance(e, A.TupleExpr) and [i.value for i in e.items] == ["a", 1]


def test_tf_json_resource_blocks_and_templates() -> None:
    src = (b'{\n  "resource": {\n    "aws_vpc": {\n      "main": {\n'
           b'        "cidr_block": "10.0.0.0/16",\n'
           b'        "tags": {"Name": "${var.n}"}\n      }\n    }\n  },\n'
           b'  "locals": {"a": "x-${local.b}"},\n'
           b'  "provider": {"aws": [{"region": "cn-north-1"}, {"alias": "hk"}]}\n}\n')
    outcome = parse_json(src, "main.tf.json")
    assert outcome.error is None
    blocks = outcome.file.body.blocks
    assert [(b.type, b.labels) for b in blocks] == [
        ("resource", ("aws_vpc", "main")), ("locals", ()),
        ("provider", ("aws",)), ("provider", ("aws",))]
    vpc = blocks[0]
    assert vpc.pos.line == 4
    cidr = vpc.body.attributes["cidr_block"]
    assert cidr.pos.line == 5 and cidr.expr.value == "10.0.0.0/16"
    tags = vpc.body.attributes["tags"].expr
    assert isinstance(tags, A.ObjectExpr)
    name = tags.items[0][1]
    assert isinstance(name, A.Template)
    assert isinstance(name.parts[0], A.Traversal) and name.parts[0].root == "var"
    loc = blocks[1].body.attributes["a"].expr
    assert isinstance(loc, A.Template) and loc.parts[0].value == "x-"


def test_tf_json_syntax_error_has_position() -> None:
    outcome = parse_json(b'{\n  "resource": {\n    "a": ,\n  }\n}\n', "bad.tf.json")
    assert outcome.error is not None
    assert outcome.error.line == 3
    assert "JSON" in outcome.error.message


def test_tf_json_not_an_object() -> None:
    outcome = parse_json(b"[1, 2]\n", "list.tf.json")
    assert outcome.error is not None


BAD = b'''resource "a" "ok" {
  x = 1
}

resource "b" "bad" {
  x = = 2
}
'''


def test_malformed_hcl_reports_line_and_column_and_keeps_intact_blocks() -> None:
    outcome = parse_hcl(BAD, "bad.tf")
    assert outcome.error is not None
    assert (outcome.error.line, outcome.error.column) == (6, 7)
    assert "syntax error" in outcome.error.message
    assert ("resource", ("a", "ok")) in [(b.type, b.labels) for b in outcome.file.body.blocks]


def test_unterminated_block_keeps_earlier_blocks() -> None:
    src = (b'resource "a" "ok" {\n  x = 1\n}\nresource "c" "ok2" {\n  y = 2\n}\n'
           b'resource "b" "bad" {\n  x = 1\n')
    outcome = parse_hcl(src, "bad.tf")
    assert outcome.error is not None and outcome.error.line >= 7
    labels = [b.labels for b in outcome.file.body.blocks]
    assert ("a", "ok") in labels and ("c", "ok2") in labels


@pytest.mark.parametrize("broken", [b"}}}\n", b'resource "b" "bad" {\n  x 2\n}\n'])
def test_intact_block_after_error_is_kept(broken: bytes) -> None:
    src = b'resource "a" "ok" {\n  x = 1\n}\n' + broken + b'resource "c" "ok2" {\n  y = 2\n}\n'
    outcome = parse_hcl(src, "bad.tf")
    assert outcome.error is not None
    labels = [b.labels for b in outcome.file.body.blocks]
    assert ("c", "ok2") in labels


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    src = b"x = " + b"[" * 400 + b"]" * 400 + b"\n"
    outcome = parse_hcl(src, "deep.tf")
    assert outcome.error is not None


def test_binary_garbage_does_not_raise() -> None:
    outcome = parse_hcl(bytes(range(256)) * 4, "bin.tf")
    assert outcome.error is not None


def test_module_arguments_and_locals_are_converted_on_first_use() -> None:
    """Module call inputs and local values are read again from the source when first used;
    what they give is what a full conversion gives, heredocs and positions included."""
    from exitlint.hcl import ast as A
    from exitlint.hcl.parser import parse_hcl

    src = (b'module "m" {\n  source = "./m"\n  peer   = "${var.a}-x"\n'
           b'  doc    = <<-EOT\n    hello\n    EOT\n}\n'
           b'locals {\n  deep = { a = [1, 2, { b = "c" }] }\n}\n')
    lazy = parse_hcl(src, "main.tf").file.body
    eager = parse_hcl(src, "main.tf", lazy=False).file.body
    module = next(b for b in lazy.blocks if b.type == "module")
    args = module.body.attributes
    assert args["source"]._expr is not None  # read by every scan: converted at once
    assert args["peer"]._expr is None and args["doc"]._expr is None
    for lazy_block, eager_block in zip(lazy.blocks, eager.blocks):
        assert lazy_block.body.attributes == eager_block.body.attributes
    assert args["doc"].expr == A.Literal("hello\n", args["doc"].expr.pos)
    assert args["peer"].pos.line == 3
