"""Documents of kinds no check reads are blanked before parsing, keeping every line number."""

from __future__ import annotations

from pathlib import Path

from exitlint.app import ScanOptions, scan
from exitlint.kubernetes.scan import _blank_inert, inert_kinds

INERT = inert_kinds(lambda _kind: False)

CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: tunnels.example.com
spec:
  description: "a && b & c"
  anchors: &x [1]
"""
PROXY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: ss
spec:
  template:
    spec:
      containers:
        - name: ss
          image: shadowsocks/shadowsocks-libev
"""


def test_inert_documents_are_blanked_line_for_line() -> None:
    text = CRD + "---\n" + PROXY
    out = _blank_inert(text, INERT)
    assert out.count("\n") == text.count("\n")
    assert "CustomResourceDefinition" not in out
    assert out.endswith(PROXY)


def test_findings_after_a_blanked_document_keep_their_lines(tmp_path: Path) -> None:
    (tmp_path / "all.yaml").write_text(CRD + "---\n" + PROXY)
    result = scan(ScanOptions(paths=[tmp_path], base=tmp_path))
    hits = [f for f in result.findings if f.check_id == "XB701"]
    image_line = (CRD + "---\n" + PROXY).splitlines().index(
        "          image: shadowsocks/shadowsocks-libev") + 1
    assert hits and hits[0].span.line == image_line
    assert not result.errors


def test_a_document_with_several_top_level_kinds_is_kept() -> None:
    text = "apiVersion: v1\nkind: Role\nkind: Pod\n"
    assert _blank_inert(text, INERT) == text
