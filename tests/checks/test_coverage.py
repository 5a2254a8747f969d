"""docs/coverage.md is current, and every connectivity resource type the research catalogues name
for the Chinese providers is either checked or listed out of scope with a reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from exitlint.provider_coverage import REGENERATE, load_coverage, render

ROOT = Path(__file__).resolve().parents[2]
RESEARCH = Path(__file__).resolve().parents[3] / "shared" / "research"
CHINESE_CATALOGUES = ("catalogue-alicloud-volcengine-baidu.md", "catalogue-tencent-huawei-others.md")
CHINESE = ("alicloud", "tencentcloud", "huaweicloud", "volcengine", "volcenginecc", "baiducloud", "ksyun",
           "ucloud")
TYPE_RE = re.compile(r"\b(?:alicloud|tencentcloud|huaweicloud|volcengine|volcenginecc|baiducloud|ksyun|ucloud)"
                     r"_[a-z0-9_]+\b")


@pytest.fixture(scope="module")
def coverage():
    return load_coverage()


def test_docs_coverage_is_current(coverage):
    path = ROOT / "docs" / "coverage.md"  # installed exitlint: compare with this checkout
    assert path.is_file(), f"docs/coverage.md is missing; generate it with: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == render(coverage), \
        f"docs/coverage.md is stale; regenerate it with: {REGENERATE}"
    assert REGENERATE in path.read_text(encoding="utf-8")


def test_readme_links_coverage():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/coverage.md" in readme
    assert REGENERATE in readme


def test_every_chinese_provider_has_a_coverage_file(coverage):
    for provider in CHINESE:
        assert (ROOT / "checks" / "coverage" / f"{provider}.yaml").is_file(), provider
        assert coverage[provider].checked, f"{provider}: no checked resource types"


def test_no_type_is_both_checked_and_out_of_scope(coverage):
    for provider, cov in coverage.items():
        both = sorted(set(cov.checked) & cov.excluded)
        assert not both, f"{provider}: checked and out of scope: {both}"
        data = sorted(set(cov.checked) & set(cov.data_sources))
        assert not data, f"{provider}: checked types listed as data sources: {data}"


def test_out_of_scope_entries_are_well_formed(coverage):
    for provider, cov in coverage.items():
        seen: set[str] = set()
        for entry in cov.out_of_scope:
            assert entry.types and entry.reason.strip(), provider
            for t in entry.types:
                assert t.startswith(provider + "_"), f"{provider}: {t} belongs to another provider"
                assert t not in seen, f"{provider}: {t} listed twice"
                seen.add(t)


def _catalogue_types() -> dict[str, list[str]]:
    """Resource type names in the two Chinese catalogues, with where each is mentioned. Tokens that are
    family prefixes (`alicloud_dts_`) and names the catalogue uses as `data.NAME` are left out."""
    found: dict[str, list[str]] = {}
    data_sources: set[str] = set()
    for name in CHINESE_CATALOGUES:
        text = (RESEARCH / name).read_text(encoding="utf-8")
        data_sources |= set(re.findall(r"\bdata\.([a-z0-9_]+)", text))
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in TYPE_RE.finditer(line):
                token = m.group(0)
                if token.endswith("_"):
                    continue
                found.setdefault(token, []).append(f"{name}:{lineno}")
    return {t: where for t, where in found.items() if t not in data_sources}


@pytest.mark.skipif(not RESEARCH.is_dir(), reason="shared research catalogues not available")
def test_every_catalogued_type_is_checked_or_out_of_scope(coverage):
    missing = []
    for rtype, where in sorted(_catalogue_types().items()):
        provider = max((p for p in coverage if rtype.startswith(p + "_")), key=len, default=None)
        cov = coverage.get(provider) if provider else None
        if cov is None or (rtype not in cov.checked and rtype not in cov.excluded
                           and rtype not in cov.data_sources):
            missing.append(f"{rtype} ({where[0]})")
    assert not missing, ("neither checked nor listed in checks/coverage/<provider>.yaml:\n  "
                         + "\n  ".join(missing))
