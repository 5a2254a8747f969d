"""Golden files: the HTML, Markdown and register outputs for small repositories, byte for byte.

`UPDATE_GOLDEN=1 python -m pytest tests/reporters/test_golden_reports.py` rewrites them after an
intended change (review the diff: it is what users will see)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _cases import run

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "aws": "examples/aws",
    "kubernetes-shadowsocks": "examples/kubernetes/XB701-shadowsocks",
}
FORMATS = {"markdown": "md", "register-csv": "csv", "register-md": "register.md", "html": "html"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str, capsys: pytest.CaptureFixture[str],
                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("EXITLINT_TODAY", "2027-01-15")
    code, out, err = run(capsys, CASES[case], "--format", fmt, "--no-cache")
    assert code == 1, err
    path = GOLDEN / f"{case}.{FORMATS[fmt]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(out, encoding="utf-8", newline="\n")
    assert out == path.read_text(encoding="utf-8"), f"{path} differs (UPDATE_GOLDEN=1 rewrites it)"
