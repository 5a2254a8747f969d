"""Differential test: exitlint's HCL parser against python-hcl2 as the reference.

Only what both parsers can be trusted to agree on is compared: the top-level blocks
(type and labels) and plain literal attribute values at the top level of resource bodies.
Files python-hcl2 itself cannot parse are skipped and counted.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

hcl2 = pytest.importorskip("hcl2")

from exitlint.hcl import ast as A  # noqa: E402
from exitlint.hcl.parser import parse_hcl  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus"
MAX_FILES = 1500
MAX_BYTES = 200_000
TIME_BUDGET = 50.0  # seconds of python-hcl2 work; it is the slow side


def _tf_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.tf") if p.is_file() and not p.is_symlink())


def _sample(files: list[Path], cap: int) -> list[Path]:
    """Deterministic spread over the sorted list (every k-th file), so no repo dominates."""
    if len(files) <= cap:
        return files
    step = len(files) / cap
    return [files[int(i * step)] for i in range(cap)]


def _unquote(label: str) -> str:
    if len(label) >= 2 and label[0] == label[-1] == '"':
        return label[1:-1]
    return label


def _hcl2_blocks(doc: dict[str, Any]) -> list[tuple[str, tuple[str, ...], dict[str, Any]]]:
    out = []
    for btype, entries in doc.items():
        if btype.startswith("__") or not isinstance(entries, list):
            continue
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            stack: list[tuple[tuple[str, ...], dict[str, Any]]] = [((), entry)]
            while stack:
                labels, node = stack.pop()
                if node.get("__is_block__") or not node:
                    out.append((btype, labels, node))
                    continue
                for key, sub in node.items():
                    if isinstance(sub, dict):
                        stack.append(((*labels, _unquote(key)), sub))
    return out


_NO_VALUE = object()


def _hcl2_literal(value: Any) -> Any:
    """The plain literal python-hcl2 returned, or _NO_VALUE when it is an expression."""
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        if any(c in inner for c in ('\\', "${", "%{", '"', "$", "%")) or inner.startswith("<<"):
            return _NO_VALUE
        return inner
    return _NO_VALUE


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _our_literal(expr: A.Expr) -> Any:
    # HCL has no negative number literals: `-1` is negation applied to 1 (as in hcl2's spec)
    if (isinstance(expr, A.Unary) and expr.op == "-" and isinstance(expr.operand, A.Literal)
            and isinstance(expr.operand.value, (int, float))
            and not isinstance(expr.operand.value, bool)):
        return -expr.operand.value
    return expr.value if isinstance(expr, A.Literal) else expr


def _compare(path: Path, text: str, doc: dict[str, Any]) -> list[str]:
    outcome = parse_hcl(text.encode("utf-8"), str(path))
    problems: list[str] = []
    if outcome.error is not None:
        e = outcome.error
        problems.append(f"exitlint reports a syntax error python-hcl2 accepts: "
                        f"{e.line}:{e.column} {e.message}")
    ref = _hcl2_blocks(doc)
    ours = [(b.type, b.labels) for b in outcome.file.body.blocks]
    if sorted((t, lab) for t, lab, _ in ref) != sorted(ours):
        missing = Counter((t, lab) for t, lab, _ in ref) - Counter(ours)
        extra = Counter(ours) - Counter((t, lab) for t, lab, _ in ref)
        problems.append(f"blocks differ: only in hcl2 {sorted(missing)[:5]}, "
                        f"only in exitlint {sorted(extra)[:5]}")
        return problems
    mine = {}
    for b in outcome.file.body.blocks:
        if b.type == "resource":
            mine.setdefault(b.labels, b)
    for btype, labels, body in ref:
        if btype != "resource" or labels not in mine:
            continue
        attrs = mine[labels].body.attributes
        for name, value in body.items():
            lit = _hcl2_literal(value)
            if name.startswith("__") or lit is _NO_VALUE:
                continue
            attr = attrs.get(name)
            if attr is None:
                # python-hcl2 keeps nested blocks under their name too; attributes only
                problems.append(f"resource.{'.'.join(labels)}.{name}: missing in exitlint")
                continue
            got = _our_literal(attr.expr)
            if not _same(got, lit):
                problems.append(f"resource.{'.'.join(labels)}.{name} (line {attr.pos.line}): "
                                f"hcl2 {lit!r} != exitlint {got!r}")
    return problems


def _candidates() -> list[Path]:
    files = _tf_files(EXAMPLES) + _sample(_tf_files(CORPUS), MAX_FILES)
    return [p for p in files if p.stat().st_size <= MAX_BYTES]


def test_parsers_agree_on_blocks_and_literals() -> None:
    files = _candidates()
    if not files:
        pytest.skip("no .tf files under examples/ or ../shared/corpus")
    compared = skipped_ref = 0
    failures: dict[str, list[str]] = {}
    started = time.monotonic()
    for path in files:
        if time.monotonic() - started > TIME_BUDGET:
            break
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        try:
            doc = hcl2.loads(text)
        except Exception:  # the reference cannot read it: nothing to compare against
            skipped_ref += 1
            continue
        compared += 1
        problems = _compare(path, text, doc)
        if problems:
            failures[str(path.relative_to(REPO.parent))] = problems
    assert compared > 0, f"nothing compared ({skipped_ref} files python-hcl2 rejected)"
    detail = "\n".join(f"{f}:\n  " + "\n  ".join(p[:5]) for f, p in sorted(failures.items())[:25])
    assert not failures, (f"{len(failures)} of {compared} files disagree "
                          f"({skipped_ref} skipped: python-hcl2 failed):\n{detail}")


def test_examples_are_compared() -> None:
    """The shipped examples must all be readable by the reference parser and agree."""
    files = _tf_files(EXAMPLES)
    if not files:
        pytest.skip("no examples yet")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _compare(path, text, hcl2.loads(text)) == [], path
