"""Every check in checks/terraform has a non-compliant and a compliant example under examples/,
and the examples do what the check definitions say: the non-compliant one produces the check's
finding at the check's own severity, the compliant one produces nothing at all.

Every check in checks/policy (XB9xx) has its pair under examples/policy/: a small Terraform tree
with its .exitlint.yaml. The non-compliant one produces the check at its severity, plus what the
check says follows from it (a link an expired exit no longer approves is reported again); the
compliant one produces nothing open (its links are approved or suppressed). Each lists exactly
what it produces in expected.yaml, scanned on the date given there as `today` (`--today`), so
that expiry dates give the same result whenever the tests run.

examples/<cloud>/repository/ are larger repositories (modules, environments, tfvars) mixing compliant
and non-compliant parts; each lists exactly the findings it must produce in its expected.yaml.
"""

from __future__ import annotations

import datetime as dt
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
POLICY = "policy"  # examples/policy/<check>/: the policy-hygiene checks XB901-XB911
POLICY_CHECK_FILES = sorted((ROOT / "checks" / POLICY).glob("*.yaml"))
POLICY_EXAMPLES = sorted(p for p in (EXAMPLES / POLICY).glob("XB*") if p.is_dir())
# the scan date of the whole-tree scan: the policy examples' dates are read against it
EXAMPLES_TODAY = dt.date(2027, 1, 15)
NONCOMPLIANT = sorted(p for p in EXAMPLES.glob("*/*/noncompliant")
                      if p.parent.name != REPOSITORY and p.parents[1].name != POLICY)
COMPLIANT = sorted(p for p in EXAMPLES.glob("*/*/compliant")
                   if p.parent.name != REPOSITORY and p.parents[1].name != POLICY)
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


def _declared_examples(check_file: Path) -> tuple[dict, list[Path]]:
    """The check's definition and its two example directories, each checked to exist, to hold
    Terraform and to be named after the check and its kind."""
    check = yaml.safe_load(check_file.read_text(encoding="utf-8"))
    examples = check.get("examples") or {}
    targets = []
    for kind in ("noncompliant", "compliant"):
        rel = examples.get(kind)
        assert rel, f"{check['id']} declares no {kind} example"
        target = ROOT / rel
        assert target.is_dir(), f"{check['id']}: {rel} does not exist"
        assert list(target.glob("*.tf")), f"{check['id']}: {rel} holds no .tf file"
        assert target.parent.name.startswith(check["id"] + "-")
        assert target.name == kind
        targets.append(target)
    return check, targets


@pytest.mark.parametrize("check_file", CHECK_FILES, ids=lambda p: p.stem)
def test_every_check_has_its_examples(check_file: Path):
    _declared_examples(check_file)


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
    result = scan(ScanOptions(paths=[EXAMPLES], base=ROOT, today=EXAMPLES_TODAY))
    assert result.errors == []
    # approved and suppressed links of compliant policy examples stay in the report
    active = [f for f in result.findings if not f.suppressed]
    assert active
    for f in active:
        assert "/noncompliant/" in f.span.file or _repository_of(f.span.file), \
            f"{f.check_id} {f.resource} in {f.span.file}"
    for f in result.findings:
        assert f.status in ("open", "approved") or f.span.file.startswith("examples/policy/"), \
            f"{f.check_id} {f.resource} in {f.span.file} is {f.status}"
    # the example directory holding noncompliant/ (a chart's findings sit in its templates/)
    flagged = {f.span.file.split("/noncompliant/", 1)[0].rsplit("/", 1)[-1]
               for f in active if not _repository_of(f.span.file)}
    assert flagged == {p.parent.name for p in NONCOMPLIANT} | {p.name for p in POLICY_EXAMPLES}
    repos = {_repository_of(f.span.file) for f in result.findings} - {None}
    assert repos == {str(p.relative_to(ROOT)) for p in REPOSITORIES}


# -- policy hygiene: examples/policy/<check>/ ------------------------------------------------------
def _policy_expected(example: Path) -> dict:
    return yaml.safe_load((example / "expected.yaml").read_text(encoding="utf-8"))


def _rows(findings) -> list[tuple[str, str, str, str, str]]:
    return sorted((f.check_id, f.severity.value, f.status, f.resource, f.span.file)
                  for f in findings)


def _listed(entries) -> list[tuple[str, str, str, str, str]]:
    return sorted((e["check_id"], e["severity"], e["status"], e["resource"], e["file"])
                  for e in entries or [])


@pytest.mark.parametrize("check_file", POLICY_CHECK_FILES, ids=lambda p: p.stem)
def test_every_policy_check_has_its_examples(check_file: Path):
    check, targets = _declared_examples(check_file)
    for target in targets:
        assert (target / ".exitlint.yaml").is_file(), f"{check['id']}: {target} has no policy"
        assert target.parent.parent == EXAMPLES / POLICY
        assert (target.parent / "expected.yaml").is_file()
    assert {p.name.split("-", 1)[0] for p in POLICY_EXAMPLES} == \
        {p.name.split("-", 1)[0] for p in POLICY_CHECK_FILES}


@pytest.mark.parametrize("example", POLICY_EXAMPLES, ids=_id)
def test_policy_example_noncompliant_is_flagged(example: Path, catalog):
    check_id = example.name.split("-", 1)[0]
    check = catalog.get(check_id)
    expected = _policy_expected(example)
    assert isinstance(expected["today"], dt.date)
    bad = example / "noncompliant"
    result = scan(ScanOptions(paths=[bad], base=bad, today=expected["today"]))
    assert result.errors == []
    hits = [f for f in result.findings if f.check_id == check_id]
    assert hits and all(f.status == "open" for f in hits), _describe(result.findings)
    assert {f.severity for f in hits} == {check.severity}, _describe(hits)
    # the policy file or the comment is where the finding points
    assert all(f.span.file in ("main.tf", ".exitlint.yaml") and f.span.line for f in hits)
    # nothing but the check and the links it stops approving or hiding (XB101, XB603)
    assert {f.check_id for f in result.findings} <= {check_id, "XB101", "XB603"}, \
        _describe(result.findings)
    assert _rows(result.findings) == _listed(expected["findings"]), _describe(result.findings)


@pytest.mark.parametrize("example", POLICY_EXAMPLES, ids=_id)
def test_policy_example_compliant_is_clean(example: Path):
    check_id = example.name.split("-", 1)[0]
    expected = _policy_expected(example)
    good = example / "compliant"
    result = scan(ScanOptions(paths=[good], base=good, today=expected["today"]))
    assert result.errors == [] and result.resources > 0
    assert [f for f in result.findings if f.status == "open"] == [], _describe(result.findings)
    assert not any(f.check_id == check_id for f in result.findings)
    assert _rows(result.findings) == _listed(expected["compliant"]), _describe(result.findings)


def test_policy_examples_depend_on_the_scan_date_only_through_today():
    """XB906's pair is the date-dependent one: a day past its expiry the exit has lapsed
    (XB901), and well before it nothing is said; the date in expected.yaml is what makes the
    example reproducible."""
    example = next(p for p in POLICY_EXAMPLES if p.name.startswith("XB906-"))
    bad = example / "noncompliant"
    def ids_on(day: dt.date) -> set[str]:
        result = scan(ScanOptions(paths=[bad], base=bad, today=day))
        return {f.check_id for f in result.findings if f.status == "open"}
    assert ids_on(_policy_expected(example)["today"]) == {"XB906"}
    assert ids_on(dt.date(2027, 2, 11)) == {"XB901", "XB101"}
    assert ids_on(dt.date(2026, 6, 1)) == set()


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
