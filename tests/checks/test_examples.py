"""Every check in checks/terraform has a non-compliant and a compliant example under examples/,
and the examples do what the check definitions say: the non-compliant one produces the check's
finding at the check's own severity, the compliant one produces nothing at all.

examples/<cloud>/repository/ are larger repositories (modules, environments, tfvars) mixing compliant
and non-compliant parts; each lists exactly the findings it must produce in its expected.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from exitlint.app import ScanOptions, scan
from exitlint.engine.catalog import load_checks

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHECK_FILES = sorted((ROOT / "checks" / "terraform").glob("*.yaml"))

REPOSITORY = "repository"
# examples/<cloud>/multi-module-*/: repositories built around where ends are (SPEC §9): modules
# given providers = {}, addresses computed by other resources, region-echoing data sources.
REPOSITORY_GLOBS = (REPOSITORY, "multi-module-*")
NONCOMPLIANT = sorted(p for p in EXAMPLES.glob("*/*/noncompliant") if p.parent.name != REPOSITORY)
COMPLIANT = sorted(p for p in EXAMPLES.glob("*/*/compliant") if p.parent.name != REPOSITORY)
REPOSITORIES = sorted(p for g in REPOSITORY_GLOBS for p in EXAMPLES.glob(f"*/{g}") if p.is_dir())


def _repository_of(file: str) -> str | None:
    """The repository example (relative to the project root) a finding's file lies in."""
    return next((rel for rel in (str(p.relative_to(ROOT)) for p in REPOSITORIES)
                 if file.startswith(rel + "/")), None)


def _id(path: Path) -> str:
    return str(path.relative_to(EXAMPLES))


def _check_id(example_dir: Path) -> str:
    return example_dir.parent.name.split("-", 1)[0]


def _scan(path: Path):
    return scan(ScanOptions(paths=[path], base=path))


def _describe(findings) -> str:
    return "\n".join(f"{f.check_id} {f.severity.value} {f.resource}: {f.message}" for f in findings)


@pytest.fixture(scope="module")
def catalog():
    return load_checks()


def test_examples_exist():
    assert NONCOMPLIANT and COMPLIANT
    assert {p.parent for p in NONCOMPLIANT} == {p.parent for p in COMPLIANT}


@pytest.mark.parametrize("check_file", CHECK_FILES, ids=lambda p: p.stem)
def test_every_check_has_its_examples(check_file: Path):
    check = yaml.safe_load(check_file.read_text(encoding="utf-8"))
    examples = check.get("examples") or {}
    for kind in ("noncompliant", "compliant"):
        rel = examples.get(kind)
        assert rel, f"{check['id']} declares no {kind} example"
        target = ROOT / rel
        assert target.is_dir(), f"{check['id']}: {rel} does not exist"
        assert list(target.glob("*.tf")), f"{check['id']}: {rel} holds no .tf file"
        assert target.parent.name.startswith(check["id"] + "-")
        assert target.name == kind


@pytest.mark.parametrize("example", NONCOMPLIANT, ids=_id)
def test_noncompliant_example_is_flagged(example: Path, catalog):
    check_id = _check_id(example)
    check = catalog.get(check_id)
    assert check is not None, f"{example} names unknown check {check_id}"
    result = _scan(example)
    assert result.errors == []
    hits = [f for f in result.findings if f.check_id == check_id and not f.suppressed]
    assert hits, f"no {check_id} finding in {example}:\n{_describe(result.findings)}"
    assert any(f.severity == check.severity for f in hits), _describe(hits)
    # nothing from other checks sneaks into an example meant for one check
    assert {f.check_id for f in result.findings} == {check_id}, _describe(result.findings)
    for f in hits:
        assert f.span.file and f.span.line
        # completeness findings (XB001, XB002) say what was not checked: they have no link ends
        assert check.category == "completeness" or (f.local is not None and f.remote is not None)


@pytest.mark.parametrize("example", COMPLIANT, ids=_id)
def test_compliant_example_is_clean(example: Path):
    result = _scan(example)
    assert result.errors == []
    assert result.findings == [], _describe(result.findings)
    assert result.resources > 0


def test_xb101_message_names_peer_and_registration():
    result = _scan(EXAMPLES / "aws" / "XB101-vpn-peer" / "noncompliant")
    hits = [f for f in result.findings if f.check_id == "XB101"]
    assert {f.resource for f in hits} == {"aws_customer_gateway.frankfurt",
                                          "aws_vpn_connection.frankfurt"}
    for f in hits:
        assert f.severity.value == "error"
        assert "18.184.10.10" in f.message
        assert "registered to US" in f.message
        assert f.remote.value == "18.184.10.10"
        assert f.remote.cls.value == "non-mainland"
        assert f.local.cls.value == "mainland"


def test_reverse_direction_example_google():
    """A Hong Kong VPN gateway tunnelling to a mainland office crosses the border too."""
    result = _scan(EXAMPLES / "google" / "XB101-vpn-tunnel" / "noncompliant")
    [hit] = [f for f in result.findings if f.check_id == "XB101"]
    assert hit.local.cls.value == "non-mainland"
    assert hit.remote.cls.value == "mainland"
    assert "registered to CN" in hit.message


def test_whole_examples_tree():
    result = scan(ScanOptions(paths=[EXAMPLES], base=ROOT))
    assert result.errors == []
    assert result.findings
    for f in result.findings:
        assert "/noncompliant/" in f.span.file or _repository_of(f.span.file), \
            f"{f.check_id} {f.resource} in {f.span.file}"
    # the example directory holding noncompliant/ (a chart's findings sit in its templates/)
    flagged = {f.span.file.split("/noncompliant/", 1)[0].rsplit("/", 1)[-1]
               for f in result.findings if not _repository_of(f.span.file)}
    assert flagged == {p.parent.name for p in NONCOMPLIANT}
    repos = {_repository_of(f.span.file) for f in result.findings} - {None}
    assert repos == {str(p.relative_to(ROOT)) for p in REPOSITORIES}


# -- larger repositories -------------------------------------------------------------------------
Entry = tuple[str, str, str, str]


def _expected(repo: Path) -> list[Entry]:
    raw = yaml.safe_load((repo / "expected.yaml").read_text(encoding="utf-8")) or {}
    return sorted((e["check_id"], e["severity"], e["resource"], e["file"])
                  for e in raw.get("findings") or [])


def test_repositories_exist():
    clouds = {p.parent.name for p in REPOSITORIES}
    assert {"alicloud", "tencentcloud", "huaweicloud", "volcengine", "baiducloud"} <= clouds
    for repo in REPOSITORIES:
        assert (repo / "expected.yaml").is_file(), f"{repo} has no expected.yaml"
        assert list(repo.glob("modules/*/main.tf")), f"{repo} has no modules"
        assert list(repo.glob("envs/*/*.tf")), f"{repo} has no environments"


@pytest.mark.parametrize("repo", REPOSITORIES, ids=_id)
def test_repository_findings_match_expected(repo: Path):
    result = scan(ScanOptions(paths=[repo], base=repo))
    assert result.errors == []
    got = sorted((f.check_id, f.severity.value, f.resource, f.span.file) for f in result.findings)
    expected = _expected(repo)
    assert expected, f"{repo}/expected.yaml lists no findings"
    assert got == expected, "\n".join(
        ["findings differ from expected.yaml", "got:"] + [f"  {g}" for g in got]
        + ["expected:"] + [f"  {e}" for e in expected])
    assert all(not f.suppressed for f in result.findings)
