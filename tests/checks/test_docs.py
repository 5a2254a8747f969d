"""Check pages under docs/checks/ are generated and committed; this fails when they are stale.

Regenerate with `exitlint docs --write` (from a source checkout) after adding or changing a check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import run
from exitlint.docs import INDEX, generate_pages, render_check_page, stale_pages
from exitlint.engine.catalog import load_checks

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "checks"


def test_committed_pages_are_fresh() -> None:
    stale = stale_pages(DOCS, REPO)  # compared with pages generated now from checks/, examples/
    assert stale == [], (f"stale check pages {stale}: run `exitlint docs --write` "
                         "(or `python -m exitlint docs --write`) and commit docs/checks/")


def test_every_check_has_a_page_and_index_entry() -> None:
    pages = generate_pages(REPO)
    index = pages[INDEX]
    for cid, check in load_checks().checks.items():
        page = pages[f"{cid}.md"]
        for heading in ("## What it flags", "## Why", "## How to fix",
                        "## How to approve or suppress"):
            assert heading in page, (cid, heading)
        if check.examples.get("noncompliant"):
            assert "## Non-compliant example" in page and "## Compliant example" in page
        assert f"[{cid}]({cid}.md)" in index
        assert check.help_uri.endswith(f"docs/checks/{cid}.md")


def test_explain_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    check = load_checks().checks["XB101"]
    code, out, _ = run(capsys, "explain", "xb101")
    assert code == 0 and out == render_check_page(check)
    assert render_check_page(check, REPO) in (DOCS / "XB101.md").read_text(encoding="utf-8")


def test_docs_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "checks"
    root = ("--root", str(REPO))
    code, out, _ = run(capsys, "docs", "--check", "--dir", str(target), *root)
    assert code == 1 and "XB101.md" in out
    assert run(capsys, "docs", "--write", "--dir", str(target), *root)[0] == 0
    assert run(capsys, "docs", "--check", "--dir", str(target), *root)[0] == 0
    (target / "XB101.md").write_text("edited\n", encoding="utf-8")
    (target / "XB999.md").write_text("a removed check\n", encoding="utf-8")
    code, out, _ = run(capsys, "docs", "--check", "--dir", str(target), *root)
    assert code == 1 and "XB101.md" in out and "XB999.md" in out
    run(capsys, "docs", "--write", "--dir", str(target), *root)
    assert not (target / "XB999.md").exists() and stale_pages(target, REPO) == []


@pytest.mark.parametrize("check_id", sorted(c for c in load_checks().checks if c.startswith("XB9")))
def test_policy_check_pages_show_the_examples_with_their_policy(
        check_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A policy check's example is its .exitlint.yaml as much as its Terraform: both are on the
    page (the file is hidden, the page must not hide it)."""
    check = load_checks().checks[check_id]
    code, out, _ = run(capsys, "explain", check_id)
    assert code == 0
    for kind in ("noncompliant", "compliant"):
        rel = check.examples[kind]
        assert f"`{rel}/.exitlint.yaml`:" in out and f"`{rel}/main.tf`:" in out
        policy = (REPO / rel / ".exitlint.yaml").read_text(encoding="utf-8").rstrip()
        assert f"```yaml\n{policy}\n```" in out
    if check_id == "XB906":  # the scan date the example's dates are read against
        assert "exitlint --today 2027-01-15" in out and "expires: 2027-02-10" in out
