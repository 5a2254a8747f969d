"""Parse HCL native syntax with tree-sitter-hcl into `hcl.ast` nodes.

tree-sitter gives exact positions for every block and attribute and recovers from
errors, so one broken block does not hide the rest of the file.
"""

from __future__ import annotations

import math
import os
import re
import time
from functools import lru_cache
from typing import Any

from .. import lazy_re
from ..records import dataclass
from . import ast as A

MAX_DEPTH = 200  # deeper expressions (and nested blocks) are refused: real configurations stay far below
# Children of one template, tuple, object or call beyond which it is not converted (it becomes
# Opaque, so Unknown): a hostile 5 MB template of 300k interpolations took ~20 s and ~800 MB to
# convert, and no static value of that size is useful. Checked on the node's child count, before
# any child is materialised.
MAX_CHILDREN = 50_000

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_ESCAPE_RE = lazy_re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{", re.S)
_PUNCT = frozenset("()[]{},.:?=!=>")
# node types whose children are elements/parts (see MAX_CHILDREN)
_WIDE = frozenset({"tuple", "object"})


class HclSyntaxError(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class ParseOutcome:
    file: A.ParsedFile
    error: HclSyntaxError | None


@lru_cache(maxsize=1)
def _parser() -> Any:
    import tree_sitter_hcl
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_hcl.language()))


# tree-sitter's own cost before any exitlint limit applies: error recovery on dense hostile
# input took 22 s and 3.8 GiB for a 5 MB file (2.5 M `${`), and a failed allocation inside
# tree-sitter aborts the process. The parse is cancelled when it grows the process by more
# than PARSE_MEMORY or runs longer than PARSE_SECONDS (valid files need ~200 bytes per byte of
# input: a dense 3 MB file fits), and deeply nested input is refused before parsing.
PARSE_MEMORY = 640 * 1024 * 1024
PARSE_SECONDS = 20.0
MAX_NESTING = 1000  # unclosed brackets, braces, parentheses (in comments and strings too)
_CHECK_EVERY = 256  # progress callbacks between resource checks (~30 callbacks per KB)
_BRACKETS = b"[]{}()"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)


class ParseRefused(HclSyntaxError):
    """The file is too dense or too deeply nested to parse safely."""


def _rss() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") or 4096)
    except (OSError, ValueError, IndexError):
        return None  # not Linux: the time bound alone applies


def _ts_parse(src: bytes) -> Any:
    """tree-sitter's parse, cancelled (ParseRefused) past the memory or time budget."""
    if len(src) < 64 * 1024:  # small input cannot reach either bound: no callback overhead
        return _parser().parse(src)
    start_rss = _rss()
    deadline = time.monotonic() + PARSE_SECONDS
    calls = 0
    why: list[str] = []

    def progress(offset: int, has_error: bool) -> bool:
        nonlocal calls
        calls += 1
        if calls % _CHECK_EVERY:
            return False
        rss = _rss() if start_rss is not None else None
        if rss is not None and start_rss is not None and rss - start_rss > PARSE_MEMORY:
            why.append(f"needed more than {PARSE_MEMORY >> 20} MiB")
            return True
        if time.monotonic() > deadline:
            why.append(f"took longer than {PARSE_SECONDS:.0f} s")
            return True
        return False

    try:
        tree = _parser().parse(lambda at, _point: src[at : at + 65536], progress_callback=progress)
    except ValueError:  # what tree-sitter raises when the callback cancels the parse
        tree = None
    if tree is None:
        _parser().reset()  # else the next parse would resume this one
        raise ParseRefused(f"file is too dense to parse safely (parsing "
                           f"{why[0] if why else 'failed'} for {len(src)} bytes); split or "
                           "simplify it", 1, 1)
    return tree


def _too_deep(src: bytes) -> ParseRefused | None:
    """Refuse input nested deeper than MAX_NESTING before tree-sitter sees it (2.5 MB of `[`
    or of `${` cost seconds and gigabytes inside tree-sitter)."""
    kept = src.translate(None, _NOT_BRACKETS)
    if kept.count(b"[") + kept.count(b"{") + kept.count(b"(") <= MAX_NESTING:
        return None
    depth = 0
    for i, b in enumerate(kept):
        if b in (0x5B, 0x7B, 0x28):  # [ { (
            depth += 1
            if depth > MAX_NESTING:
                opener = _nth_bracket(src, i)
                line = src.count(b"\n", 0, opener) + 1
                column = opener - (src.rfind(b"\n", 0, opener) + 1) + 1
                return ParseRefused(f"brackets or braces nested deeper than {MAX_NESTING} "
                                    "levels: too deeply nested to parse safely", line, column)
        elif depth:
            depth -= 1
    return None


def _nth_bracket(src: bytes, n: int) -> int:
    """Byte offset of the n-th (0-based) bracket byte of src."""
    seen = -1
    for m in re.finditer(rb"[\[\]{}()]", src):
        seen += 1
        if seen == n:
            return m.start()
    return 0


def _unescape(text: str) -> str:
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "$${":
            return "${"
        if tok == "%%{":
            return "%{"
        esc = m.group(1)
        if esc[0] in "uU" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        return _ESCAPES.get(esc, "\\" + esc)

    return _ESCAPE_RE.sub(repl, text)


def _pos(node: Any, offset: int = 0) -> A.Pos:
    s = node.start_point
    return A.Pos(s.row + 1 + offset, s.column + 1, node.end_point.row + 1 + offset)


# HCL's NumericLit allows an exponent without a fraction (`65e3`, `2e+2`); tree-sitter-hcl only
# accepts one after a fraction (`1.5e3`) and drops the block. tree-sitter is given a copy where
# such a literal's `e`/sign bytes are digits (same length, so every offset, line and column is
# unchanged); all text, the number's included, is read from the original bytes.
_INT_EXPONENT = lazy_re.compile(rb"(?<![\w.])(\d+)([eE][+-]?)(\d+)(?![\w.])")
_NEEDS_UNESCAPING = re.compile(rb'[\\$%"]')  # escapes, interpolation, directives
_MAYBE_EXPONENT = lazy_re.compile(rb"\d[eE][+-]?\d")  # what any match contains: a much faster search


def _for_tree_sitter(src: bytes) -> bytes:
    if _MAYBE_EXPONENT.search(src) is None:
        return src
    return _INT_EXPONENT.sub(lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3), src)


class _Converter:
    def __init__(self, src: bytes, line_offset: int = 0, parsed: bytes | None = None) -> None:
        self.src = src
        self.parsed = src if parsed is None else parsed  # what tree-sitter saw (same length)
        self.depth = 0
        self.line_offset = line_offset  # lines before the slice this converter parsed

    def _p(self, node: Any) -> A.Pos:
        return _pos(node, self.line_offset)

    def text(self, node: Any) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # ---- bodies -------------------------------------------------------------
    def top_body(self, node: Any | None, deferred: list[HclSyntaxError]) -> A.Body:
        """The file's body: block headers now, block bodies converted on first use."""
        body = A.Body()
        if node is None:
            return body
        for child in node.named_children:
            if child.has_error:
                continue
            if child.type == "attribute":
                name = self.text(child.named_children[0])
                body.attributes[name] = A.Attribute(name, self.expr(child.named_children[1]),
                                                    self._p(child))
            elif child.type == "block":
                first = child.named_children[0] if child.named_children else None
                if first is not None and self.text(first) in _EAGER:
                    try:
                        body.blocks.append(self._block_lazy_arguments(child, deferred)
                                           if self.text(first) in _LAZY_ARGUMENTS
                                           else self.block(child))
                        continue
                    except HclSyntaxError as exc:
                        deferred.append(exc)
                body.blocks.append(self._lazy_block(child, deferred))
        return body

    def _header(self, node: Any) -> tuple[str, tuple[str, ...], Any]:
        btype = ""
        labels: list[str] = []
        inner = None
        for child in node.named_children:
            t = child.type
            if t == "identifier":
                if not btype:
                    btype = self.text(child)
                else:
                    labels.append(self.text(child))
            elif t == "string_lit":
                labels.append(self._string_lit(child))
            elif t == "body":
                inner = child
        return btype, tuple(labels), inner

    def _block_lazy_arguments(self, node: Any, deferred: list[HclSyntaxError]) -> A.Block:
        """A module call or locals block whose arguments are converted on first use, except
        those every scan reads (`source`, `count`, `for_each`, `providers`)."""
        self.depth += 1
        try:
            btype, labels, inner = self._header(node)
            body = A.Body()
            for child in inner.named_children if inner is not None else ():
                if child.has_error:
                    continue
                if child.type == "attribute":
                    name = self.text(child.named_children[0])
                    body.attributes[name] = (
                        A.Attribute(name, self.expr(child.named_children[1]), self._p(child))
                        if name in _EAGER_ARGUMENTS else self._lazy_attribute(child, deferred))
                elif child.type == "block":
                    body.blocks.append(self.block(child))
            return A.Block(btype, labels, body, self._p(node))
        finally:
            self.depth -= 1

    def _lazy_attribute(self, node: Any, deferred: list[HclSyntaxError]) -> A.Attribute:
        name = self.text(node.named_children[0])
        pos = self._p(node)
        src, parsed, start, end = self.src, self.parsed, node.start_byte, node.end_byte
        column, row = node.start_point.column, node.start_point.row + self.line_offset
        depth = self.depth + 1  # the block's body: nesting counts as in a full conversion

        def load() -> A.Expr:
            # Re-parse just this argument, as _lazy_block does for a block (with the newline
            # that ends it: a heredoc's closing marker needs one).
            chunk = b" " * column + src[start:end] + b"\n"
            try:
                tree = _ts_parse(b" " * column + parsed[start:end] + b"\n")
            except ParseRefused as exc:
                deferred.append(exc)
                return A.Opaque(exc.message, pos)
            top = next((c for c in tree.root_node.children if c.type == "body"), None)
            attr = next((c for c in top.named_children if c.type == "attribute"), None) \
                if top is not None else None
            if attr is None or len(attr.named_children) < 2:
                return A.Opaque("argument could not be read again", pos)
            conv = _Converter(chunk, row)
            conv.depth = depth
            try:
                return conv.expr(attr.named_children[1])
            except HclSyntaxError as exc:
                deferred.append(exc)
            except RecursionError:
                deferred.append(HclSyntaxError("nesting too deep", row + 1, column + 1))
            return A.Opaque("argument could not be converted", pos)

        return A.Attribute(name, None, pos, load)

    def _lazy_block(self, node: Any, deferred: list[HclSyntaxError]) -> A.Block:
        btype, labels, inner = self._header(node)
        if inner is None:
            return A.Block(btype, labels, A.Body(), self._p(node))
        src, parsed, start, end = self.src, self.parsed, node.start_byte, node.end_byte
        column, row = node.start_point.column, node.start_point.row + self.line_offset

        def load() -> A.Body:
            # Re-parse just this block: keeping every file's tree alive costs ~1 GB on a
            # large repository, and most bodies are never needed.
            chunk = b" " * column + src[start:end]
            try:
                tree = _ts_parse(b" " * column + parsed[start:end])
            except ParseRefused as exc:
                deferred.append(exc)
                return A.Body()
            conv = _Converter(chunk, row)
            top = next((c for c in tree.root_node.children if c.type == "body"), None)
            block = next((c for c in top.named_children if c.type == "block"), None) \
                if top is not None else None
            body_node = next((c for c in block.named_children if c.type == "body"), None) \
                if block is not None else None
            try:
                return conv.body(body_node)
            except HclSyntaxError as exc:
                deferred.append(exc)
            except RecursionError:
                deferred.append(HclSyntaxError("nesting too deep", row + 1, column + 1))
            return A.Body()

        return A.Block(btype, labels, None, self._p(node), load)

    def body(self, node: Any | None) -> A.Body:
        body = A.Body()
        if node is None:
            return body
        for child in node.named_children:
            if child.has_error:
                continue  # reported once for the file; keep the intact siblings
            if child.type == "attribute":
                name_node = child.named_children[0]
                expr_node = child.named_children[1]
                name = self.text(name_node)
                body.attributes[name] = A.Attribute(name, self.expr(expr_node), self._p(child))
            elif child.type == "block":
                body.blocks.append(self.block(child))
        return body

    def block(self, node: Any) -> A.Block:
        # Nested blocks count towards the same depth as expressions: `a { a { ... } }` 100k deep
        # is refused with a clear message instead of ending in a RecursionError.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise HclSyntaxError(f"blocks nested deeper than {MAX_DEPTH} levels", *_start(node))
            btype, labels, inner = self._header(node)
            return A.Block(btype, labels, self.body(inner), self._p(node))
        finally:
            self.depth -= 1

    def _string_lit(self, node: Any) -> str:
        raw = self.src[node.start_byte + 1 : node.end_byte - 1]
        if raw and _NEEDS_UNESCAPING.search(raw) is None:
            return raw.decode("utf-8", "replace")  # the common case, without walking the node
        return "".join(
            _unescape(self.text(c)) for c in node.named_children if c.type == "template_literal"
        )

    # ---- expressions ----------------------------------------------------------
    def expr(self, node: Any) -> A.Expr:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise HclSyntaxError(
                    f"expression nested deeper than {MAX_DEPTH} levels", *_start(node)
                )
            return self._expr(node)
        finally:
            self.depth -= 1

    def _expr(self, node: Any) -> A.Expr:
        t = node.type
        pos = self._p(node)
        if node.child_count > MAX_CHILDREN and t in _WIDE:
            return A.Opaque(f"{t} with more than {MAX_CHILDREN} elements", pos)
        if t == "expression":
            named = node.named_children
            if not named:
                return A.Opaque("empty expression", pos)
            head = named[0]
            if head.type == "expression" and len(named) == 1:
                return self.expr(head)  # parenthesised
            base = self.expr(head)
            steps = [step for c in named[1:] for step in self._step(c)]
            if not steps:
                return base
            if isinstance(base, A.Traversal) and not base.steps:
                return A.Traversal(base.root, tuple(steps), pos)
            return A.Relative(base, tuple(steps), pos)
        if t == "variable_expr":
            return A.Traversal(self.text(node.named_children[0]), (), pos)
        if t == "literal_value":
            return self._literal(node.named_children[0], pos)
        if t == "template_expr":
            return self._template(node.named_children[0], pos)
        if t == "collection_value":
            return self.expr(node.named_children[0])
        if t == "tuple":
            return A.TupleExpr(
                tuple(self.expr(c) for c in node.named_children if c.type == "expression"), pos
            )
        if t == "object":
            items = []
            for elem in node.named_children:
                if elem.type != "object_elem":
                    continue
                k = elem.child_by_field_name("key")
                v = elem.child_by_field_name("val")
                items.append((self._object_key(k), self.expr(v)))
            return A.ObjectExpr(tuple(items), pos)
        if t == "function_call":
            name = self.text(node.named_children[0])
            args: list[A.Expr] = []
            expand = False
            for c in node.named_children[1:]:
                if c.type == "function_arguments":
                    if c.child_count > MAX_CHILDREN:
                        return A.Opaque(f"call with more than {MAX_CHILDREN} arguments", pos)
                    for a in c.named_children:
                        if a.type == "expression":
                            args.append(self.expr(a))
                        elif a.type == "ellipsis":
                            expand = True
            return A.Call(name, tuple(args), expand, pos)
        if t == "conditional":
            parts = [c for c in node.named_children if c.type == "expression"]
            if len(parts) != 3:
                return A.Opaque("conditional", pos)
            return A.Conditional(self.expr(parts[0]), self.expr(parts[1]), self.expr(parts[2]), pos)
        if t == "operation":
            return self.expr(node.named_children[0])
        if t == "binary_operation":
            # Operands may be inlined as sibling nodes (`variable_expr get_attr ...`): split at the
            # operator token instead of counting named children.
            children = node.children
            op_index = next((i for i, c in enumerate(children) if not c.is_named
                             and c.type not in ("(", ")", "[", "]", ".", ",")), None)
            if op_index is None:
                return A.Opaque("operation", pos)
            left = [c for c in children[:op_index] if c.is_named]
            right = [c for c in children[op_index + 1:] if c.is_named]
            if not left or not right:
                return A.Opaque("operation", pos)
            return A.Binary(children[op_index].type, self._sequence(left, pos),
                            self._sequence(right, pos), pos)
        if t == "unary_operation":
            op = next((c.type for c in node.children if not c.is_named), "-")
            return A.Unary(op, self._sequence(node.named_children, pos), pos)
        if t == "for_expr":
            return self._for(node.named_children[0], pos)
        if t in ("string_lit", "numeric_lit", "bool_lit", "null_lit"):
            return self._literal(node, pos)
        if t in ("quoted_template", "heredoc_template"):
            return self._template(node, pos)
        return A.Opaque(t, pos)

    def _sequence(self, nodes: list[Any], pos: A.Pos) -> A.Expr:
        """An operand given as a head node followed by traversal steps."""
        base = self.expr(nodes[0])
        steps = [step for c in nodes[1:] for step in self._step(c)]
        if not steps:
            return base
        if isinstance(base, A.Traversal) and not base.steps:
            return A.Traversal(base.root, tuple(steps), pos)
        return A.Relative(base, tuple(steps), pos)

    def _object_key(self, node: Any) -> A.Expr:
        # A bare identifier key is a string, not a variable reference.
        named = node.named_children
        if len(named) == 1 and named[0].type == "variable_expr":
            return A.Literal(self.text(named[0]), self._p(node))
        return self.expr(node)

    def _step(self, node: Any) -> list[A.Step]:
        t = node.type
        if t == "get_attr":
            return [A.GetAttr(self.text(node.named_children[0]))]
        if t == "index":
            inner = node.named_children[0]
            if inner.type == "legacy_index":
                digits = self.text(inner).lstrip(".")
                return [A.Index(A.Literal(int(digits) if digits.isdigit() else digits, self._p(inner)))]
            exprs = [c for c in inner.named_children if c.type == "expression"]
            return [A.Index(self.expr(exprs[0]))] if exprs else []
        if t == "splat":
            inner = node.named_children[0]
            steps: list[A.Step] = [A.Splat()]
            for c in inner.named_children:
                steps.extend(self._step(c))
            return steps
        return []

    def _literal(self, node: Any, pos: A.Pos) -> A.Expr:
        t = node.type
        if t == "numeric_lit":
            raw = self.text(node)
            try:
                return A.Literal(int(raw), pos)
            except ValueError:
                pass
            try:
                value = float(raw)
            except ValueError:
                return A.Opaque(f"number {raw[:30]!r}", pos)
            if not math.isfinite(value):
                return A.Opaque("number too large to evaluate statically", pos)
            if "." not in raw and value.is_integer():
                return A.Literal(int(value), pos)  # 65e3 is the whole number 65000
            return A.Literal(value, pos)
        if t == "bool_lit":
            return A.Literal(self.text(node) == "true", pos)
        if t == "null_lit":
            return A.Literal(None, pos)
        if t == "string_lit":
            return A.Literal(self._string_lit(node), pos)
        return A.Opaque(t, pos)

    def _template(self, node: Any, pos: A.Pos) -> A.Expr:
        heredoc = node.type == "heredoc_template"
        if node.child_count > MAX_CHILDREN:
            return A.Opaque(f"template with more than {MAX_CHILDREN} parts", pos)
        parts: list[A.Expr] = []
        children = node.children
        # Literal text is everything between the opener and the closer that is not an
        # interpolation; slicing the source keeps the whitespace tree-sitter drops.
        if heredoc:
            idents = [c for c in children if c.type == "heredoc_identifier"]
            if not idents:
                return A.Opaque("heredoc", pos)
            start = self.src.find(b"\n", idents[0].end_byte)
            start = idents[0].end_byte if start < 0 else start + 1
            end_node = idents[-1] if len(idents) > 1 else None
            end = end_node.start_byte if end_node is not None else node.end_byte
            # the closing marker line's indentation is not content
            while end > start and self.src[end - 1 : end] in (b" ", b"\t"):
                end -= 1
        else:
            opener = children[0] if children else None
            closer = children[-1] if children else None
            start = opener.end_byte if opener is not None else node.start_byte
            end = closer.start_byte if closer is not None and closer is not opener else node.end_byte
        cursor = start
        for child in children:
            if child.type not in ("template_interpolation", "template_directive"):
                continue
            if child.start_byte < start or child.end_byte > end:
                continue
            self._add_text(parts, cursor, child.start_byte, heredoc)
            if child.type == "template_directive":
                parts.append(A.Opaque("template directive", self._p(child)))
            else:
                exprs = [c for c in child.named_children if c.type == "expression"]
                parts.append(self.expr(exprs[0]) if exprs else A.Literal("", self._p(child)))
            cursor = child.end_byte
        self._add_text(parts, cursor, end, heredoc)
        if heredoc and any(c.type == "heredoc_start" and self.text(c) == "<<-" for c in children):
            parts = _strip_indent(parts)
        if len(parts) == 1 and isinstance(parts[0], A.Literal):
            return A.Literal(parts[0].value, pos)
        if not parts:
            return A.Literal("", pos)
        return A.Template(tuple(parts), pos)

    def _add_text(self, parts: list[A.Expr], a: int, b: int, heredoc: bool) -> None:
        if b <= a:
            return
        raw = self.src[a:b].decode("utf-8", "replace")
        text = raw.replace("$${", "${").replace("%%{", "%{") if heredoc else _unescape(raw)
        parts.append(A.Literal(text, A.Pos(0, 0, 0)))

    def _for(self, node: Any, pos: A.Pos) -> A.Expr:
        is_object = node.type == "for_object_expr"
        intro = next((c for c in node.named_children if c.type == "for_intro"), None)
        if intro is None:
            return A.Opaque("for", pos)
        idents = [self.text(c) for c in intro.named_children if c.type == "identifier"]
        coll_nodes = [c for c in intro.named_children if c.type == "expression"]
        if not idents or not coll_nodes:
            return A.Opaque("for", pos)
        key_var, value_var = (idents[0], idents[1]) if len(idents) > 1 else (None, idents[0])
        exprs = [c for c in node.named_children if c.type == "expression"]
        cond_node = next((c for c in node.named_children if c.type == "for_cond"), None)
        cond = None
        if cond_node is not None:
            ce = [c for c in cond_node.named_children if c.type == "expression"]
            cond = self.expr(ce[0]) if ce else None
        grouping = any(c.type == "ellipsis" for c in node.named_children)
        if is_object:
            if len(exprs) < 2:
                return A.Opaque("for", pos)
            key, value = self.expr(exprs[0]), self.expr(exprs[1])
        else:
            if not exprs:
                return A.Opaque("for", pos)
            key, value = None, self.expr(exprs[0])
        return A.ForExpr(key_var, value_var, self.expr(coll_nodes[0]), key, value, cond, grouping, pos)


def _strip_indent(parts: list[A.Expr]) -> list[A.Expr]:
    text = "".join(p.value if isinstance(p, A.Literal) and isinstance(p.value, str) else "\x00"
                   for p in parts)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    indent = min((len(ln) - len(ln.lstrip(" \t")) for ln in lines), default=0)
    if not indent:
        return parts
    out: list[A.Expr] = []
    at_line_start = True
    for p in parts:
        if isinstance(p, A.Literal) and isinstance(p.value, str):
            pieces = p.value.split("\n")
            fixed = []
            for i, piece in enumerate(pieces):
                if (i > 0 or at_line_start) and piece[:indent].strip() == "":
                    piece = piece[indent:]
                fixed.append(piece)
            out.append(A.Literal("\n".join(fixed), p.pos))
            at_line_start = p.value.endswith("\n")
        else:
            out.append(p)
            at_line_start = False
    return out


def _start(node: Any) -> tuple[int, int]:
    return node.start_point.row + 1, node.start_point.column + 1


def _first_error(node: Any) -> Any | None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            return n
        stack.extend(c for c in reversed(n.children) if c.has_error or c.is_missing)
    return None


# Blocks nearly every scan reads (module calls, provider configurations, locals): converted
# while the tree is at hand instead of re-parsed later.
_EAGER = frozenset({"module", "provider", "locals", "terraform"})
# ... of which these keep their arguments lazy: a module call's inputs and the local values are
# read only when something evaluated refers to them
_LAZY_ARGUMENTS = frozenset({"module", "locals"})
_EAGER_ARGUMENTS = frozenset({"source", "count", "for_each", "providers"})

_MENTIONS_EXITLINT = lazy_re.compile(rb"(?i)exitlint")


class _Deferred(list):  # type: ignore[type-arg]
    """A file's late errors, also reported to the reader's sink so nobody has to poll files."""

    def __init__(self, sink: list[tuple[str, HclSyntaxError]] | None, path: str) -> None:
        super().__init__()
        self.sink = sink
        self.path = path

    def append(self, error: HclSyntaxError) -> None:
        super().append(error)
        if self.sink is not None:
            self.sink.append((self.path, error))


def parse_hcl(src: bytes, path: str, lazy: bool = True,
              sink: list[tuple[str, HclSyntaxError]] | None = None,
              all_comments: bool = True) -> ParseOutcome:
    """Parse HCL source; syntax errors are returned, never raised, with the intact blocks.

    With `all_comments=False` comments are collected only from files that mention exitlint:
    the scanner needs them only for suppressions, and walking every node costs time."""
    refused = _too_deep(src)
    if refused is not None:
        return ParseOutcome(A.ParsedFile(path, A.Body(), []), refused)
    parsed = _for_tree_sitter(src)
    try:
        tree = _ts_parse(parsed)
    except ParseRefused as exc:
        return ParseOutcome(A.ParsedFile(path, A.Body(), []), exc)
    root = tree.root_node
    conv = _Converter(src, parsed=parsed)
    error: HclSyntaxError | None = None
    if root.has_error:
        bad = _first_error(root)
        line, col = _start(bad) if bad is not None else (1, 1)
        what = "missing " + bad.type if bad is not None and bad.is_missing else "unexpected input"
        snippet = conv.text(bad)[:30].split("\n")[0] if bad is not None and not bad.is_missing else ""
        error = HclSyntaxError(f"HCL syntax error: {what}" + (f" {snippet!r}" if snippet else ""),
                               line, col)
    comments: list[A.Comment] = []
    body_node = None
    bad = None  # the error node holds the tree alive too
    for child in root.children:
        if child.type == "comment":
            comments.append(A.Comment(*_start(child), conv.text(child)))
        elif child.type == "body":
            body_node = child
    child = None
    if body_node is not None and (all_comments or _MENTIONS_EXITLINT.search(src)):
        # Comments matter only for suppressions: skip the walk for the files without any.
        comments.extend(_comments(body_node, conv))
    deferred: list[HclSyntaxError] = _Deferred(sink, path)
    try:
        body = conv.top_body(body_node, deferred) if lazy else conv.body(body_node)
        # Release this tree before recovery parses the blocks again: on a dense hostile file each
        # tree is hundreds of MB, and two alive at once doubled the peak.
        del tree, root, body_node
        if error is not None:
            body = _recover_blocks(src, parsed, body)
    except HclSyntaxError as exc:
        return ParseOutcome(A.ParsedFile(path, A.Body(), comments), error or exc)
    except RecursionError:
        return ParseOutcome(A.ParsedFile(path, A.Body(), comments),
                            error or HclSyntaxError("nesting too deep", 1, 1))
    return ParseOutcome(A.ParsedFile(path, body, comments, deferred), error)


_TOP_BLOCK = lazy_re.compile(rb"^(?:resource|data|module|variable|output|locals|provider|terraform|moved|"
                             rb"import|check|removed)\b", re.M)


def _recover_blocks(src: bytes, parsed: bytes, body: A.Body) -> A.Body:
    """After a syntax error, parse each top-level block on its own so that a broken block
    does not swallow the intact ones after it (tree-sitter's recovery sometimes does)."""
    starts = [m.start() for m in _TOP_BLOCK.finditer(src)]
    if len(starts) < 2:
        return body
    have = {(b.type, b.labels) for b in body.blocks}
    recovered = A.Body(dict(body.attributes), list(body.blocks))
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(src)
        line_offset = src.count(b"\n", 0, start)
        close = src.find(b"\n}", start, end)  # a formatted block ends with `}` in column 1
        ends = ([close + 2] if close >= 0 else []) + [end]
        tree = None
        for stop in ends:
            chunk = b"\n" * line_offset + src[start:stop]  # keeps line numbers exact
            try:
                tree = _ts_parse(b"\n" * line_offset + parsed[start:stop])
            except ParseRefused:
                tree = None  # this block alone is too dense: it stays dropped (error reported)
                break
            if not tree.root_node.has_error:
                break
            tree = None
        if tree is None:
            continue
        conv = _Converter(chunk)
        part = conv.body(next((c for c in tree.root_node.children if c.type == "body"), None))
        for block in part.blocks:
            if (block.type, block.labels) not in have:
                recovered.blocks.append(block)
                have.add((block.type, block.labels))
    recovered.blocks.sort(key=lambda b: (b.pos.line, b.pos.column))
    return recovered


def _comments(node: Any, conv: _Converter) -> list[A.Comment]:
    # Comments can sit anywhere; a query would be faster but this is only called on bodies.
    out: list[A.Comment] = []
    stack = [node]
    while stack:
        n = stack.pop()
        for c in n.children:
            if c.type == "comment":
                out.append(A.Comment(*_start(c), conv.text(c)))
            elif c.type in ("body", "block", "attribute"):
                stack.append(c)
    out.sort(key=lambda c: (c.line, c.column))
    return out


def parse_expression(text: str) -> A.Expr:
    """Parse one expression (used for `--var` values and JSON string templates)."""
    outcome = parse_hcl(b"__x = " + text.encode() + b"\n", "<expr>", lazy=False)
    attr = outcome.file.body.attributes.get("__x")
    if outcome.error is not None or attr is None:
        raise HclSyntaxError(f"cannot parse expression {text!r}", 1, 1)
    return attr.expr


def parse_template(text: str) -> A.Expr:
    """Parse a template file's content (for `templatefile`) as an HCL heredoc template."""
    marker = "EXITLINT_TEMPLATE_END"
    while marker in text:
        marker += "_"
    src = f"__x = <<{marker}\n{text}\n{marker}\n"
    outcome = parse_hcl(src.encode(), "<template>", lazy=False)
    attr = outcome.file.body.attributes.get("__x")
    if outcome.error is not None or attr is None:
        raise HclSyntaxError("cannot parse template", 1, 1)
    return _drop_final_newline(attr.expr)


def _drop_final_newline(expr: A.Expr) -> A.Expr:
    """A heredoc ends with the newline before its marker, which the template text did not."""
    if isinstance(expr, A.Literal) and isinstance(expr.value, str):
        return A.Literal(expr.value.removesuffix("\n"), expr.pos)
    if isinstance(expr, A.Template) and expr.parts:
        last = expr.parts[-1]
        if isinstance(last, A.Literal) and isinstance(last.value, str):
            rest = last.value.removesuffix("\n")
            parts = expr.parts[:-1] + ((A.Literal(rest, last.pos),) if rest else ())
            return A.Template(parts, expr.pos) if parts else A.Literal("", expr.pos)
    return expr


@dataclass(frozen=True)
class Headers:
    """What a file declares at the top level, read off the syntax tree without converting the
    blocks: enough to count the resources of, and follow the module calls in, module trees
    that no check reads (terraform/relevance.py)."""

    resources: tuple[str, ...]  # "type.name" of each resource block, in file order
    # (name, source if it is a plain string literal else None, has count or for_each)
    modules: tuple[tuple[str, str | None, bool], ...]


def scan_headers(src: bytes) -> Headers | None:
    """The top-level declarations of a file, or None when the file needs the full parse: a
    syntax error or anything refused, so that its error is reported exactly as parse_hcl
    reports it."""
    if _too_deep(src) is not None:
        return None
    parsed = _for_tree_sitter(src)
    try:
        tree = _ts_parse(parsed)
    except ParseRefused:
        return None
    root = tree.root_node
    if root.has_error:
        return None
    conv = _Converter(src, parsed=parsed)
    body = next((c for c in root.children if c.type == "body"), None)
    resources: list[str] = []
    modules: list[tuple[str, str | None, bool]] = []
    try:
        for child in body.named_children if body is not None else ():
            if child.type == "attribute":
                conv.expr(child.named_children[1])  # converted as the full parse converts it
                continue
            if child.type != "block":
                continue
            btype, labels, _ = conv._header(child)
            if btype == "resource" and len(labels) == 2:
                resources.append(f"{labels[0]}.{labels[1]}")
            if btype not in _EAGER:
                continue
            # The blocks the full parse converts at once are converted here too, so that a
            # conversion error (nesting too deep) sends the file to the full parse.
            block = conv._block_lazy_arguments(child, []) if btype in _LAZY_ARGUMENTS \
                else conv.block(child)
            if btype == "module" and labels:
                attrs = block.body.attributes
                given = attrs["source"].expr if "source" in attrs else None
                modules.append((labels[0], given.value if isinstance(given, A.Literal)
                                and isinstance(given.value, str) else None,
                                "count" in attrs or "for_each" in attrs))
    except (HclSyntaxError, RecursionError):
        return None
    return Headers(tuple(resources), tuple(modules))

