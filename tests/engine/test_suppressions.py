"""Inline suppressions (SPEC §5): parsing and their effect on a scan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from _cases import cgw, ids, project, run_json
from exitlint.suppressions import is_check_id, parse_suppression


def test_not_a_suppression() -> None:
    assert parse_suppression("# just a comment", 1, 1) is None
    assert parse_suppression("// exitlint is great", 1, 1) is None


def test_single_id_reason_until() -> None:
    s = parse_suppression('# exitlint:ignore XB101 reason="leased via CU contract 42" '
                          "until=2027-01-01", 7, 3)
    assert s is not None
    assert (s.line, s.column) == (7, 3)
    assert s.ids == ("XB101",)
    assert s.reason == "leased via CU contract 42"
    assert s.until == dt.date(2027, 1, 1) and s.until_text == "2027-01-01"
    assert not s.expired(dt.date(2027, 1, 1))
    assert s.expired(dt.date(2027, 1, 2))


def test_comma_separated_ids_and_slash_comment() -> None:
    s = parse_suppression('// exitlint:ignore XB101,XB102 reason="both"', 1, 1)
    assert s is not None and s.ids == ("XB101", "XB102") and s.reason == "both"
    s2 = parse_suppression('/* exitlint:ignore XB601, XB602 reason="x" */', 1, 1)
    assert s2 is not None and s2.ids == ("XB601", "XB602") and s2.reason == "x"


def test_reason_single_quoted_and_unquoted_until() -> None:
    s = parse_suppression("# exitlint:ignore XB101 reason='lab only' until=2030-12-31", 1, 1)
    assert s is not None and s.reason == "lab only" and s.until == dt.date(2030, 12, 31)


def test_missing_reason_and_bad_date() -> None:
    s = parse_suppression("# exitlint:ignore XB101", 1, 1)
    assert s is not None and s.reason == "" and s.until is None
    bad = parse_suppression('# exitlint:ignore XB101 reason="r" until=someday', 1, 1)
    assert bad is not None and bad.until_text == "someday"
    assert bad.expired(dt.date(2000, 1, 1))  # an unreadable date never hides anything


def test_is_check_id() -> None:
    assert is_check_id("XB101")
    assert not is_check_id("XB1") and not is_check_id("CKV_AWS_1")


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # report paths are relative to the working directory


FUTURE = (dt.date.today() + dt.timedelta(days=365)).isoformat()
PAST = (dt.date.today() - dt.timedelta(days=1)).isoformat()


def _scan(tmp_path: Path, capsys: pytest.CaptureFixture[str], comment: str):  # type: ignore[no-untyped-def]
    project(tmp_path, cgw(comment))
    return run_json(capsys, ".")


def test_valid_suppression_keeps_finding_marked_and_exits_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys,
                            f'# exitlint:ignore XB101 reason="leased via CU 42" until={FUTURE}')
    assert code == 0
    [f] = report["findings"]
    assert f["check_id"] == "XB101" and f["suppressed"] is True
    assert f["suppression_reason"] == "leased via CU 42"
    assert report["summary"]["findings"] == 0 and report["summary"]["suppressed"] == 1


def test_suppression_inside_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tf = cgw().replace('  type       = "ipsec.1"',
                       '  type       = "ipsec.1" // exitlint:ignore XB101 reason="inside"')
    project(tmp_path, tf)
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and ids(report, suppressed=True) == ["XB101"]


def test_suppression_of_other_check_does_not_hide(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys, '# exitlint:ignore XB601 reason="other"')
    # the comment matches nothing on its block: reported as unused (XB910), at the comment
    assert code == 1 and sorted(ids(report, suppressed=False)) == ["XB101", "XB910"]


def test_missing_reason_is_xb903_and_does_not_suppress(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys, "# exitlint:ignore XB101")
    assert code == 1
    by_id = {f["check_id"]: f for f in report["findings"]}
    assert by_id["XB101"]["suppressed"] is False
    assert by_id["XB903"]["line"] == 5 and by_id["XB903"]["file"] == "main.tf"
    assert by_id["XB903"]["kind"] == "policy"


def test_expired_until_is_xb904_and_finding_returns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys,
                            f'# exitlint:ignore XB101 reason="old deal" until={PAST}')
    assert code == 1
    assert sorted(ids(report, suppressed=False)) == ["XB101", "XB904"]
    xb904 = next(f for f in report["findings"] if f["check_id"] == "XB904")
    assert xb904["line"] == 5 and PAST in xb904["message"]


def test_unknown_id_is_xb905(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys, '# exitlint:ignore XB999 reason="typo"')
    assert code == 1
    xb905 = next(f for f in report["findings"] if f["check_id"] == "XB905")
    assert xb905["line"] == 5 and "XB999" in xb905["message"]
    assert "XB101" in ids(report, suppressed=False)


# ---- malformed, unused and refused suppressions (issue 14) ----------------------------------

def _by_id(report: dict) -> dict:  # type: ignore[type-arg]
    return {f["check_id"]: f for f in report["findings"]}


@pytest.mark.parametrize("comment", ["# exitlint:ingore XB101 reason=\"typo\"",
                                     "// exitlint:disable XB101 reason=\"not ours\""])
def test_unknown_directive_is_xb909_and_hides_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], comment: str) -> None:
    code, report, _ = _scan(tmp_path, capsys, comment)
    by_id = _by_id(report)
    assert code == 1 and by_id["XB101"]["status"] == "open"
    assert "unknown directive exitlint:" in by_id["XB909"]["message"]
    assert (by_id["XB909"]["line"], by_id["XB909"]["severity"]) == (5, "error")


def test_until_not_a_date_is_not_a_date_never_expired(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys,
                            '# exitlint:ignore XB101 reason="r" until=2027-13-45')
    by_id = _by_id(report)
    assert code == 1 and by_id["XB101"]["suppressed"] is False
    assert "until=2027-13-45 is not a date" in by_id["XB909"]["message"]
    assert "XB904" not in by_id and all("expired" not in f["message"]
                                        for f in report["findings"])


def test_unused_suppression_is_xb910_with_did_you_mean(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys, '# exitlint:ignore XB102 reason="old"')
    f = _by_id(report)["XB910"]
    assert (f["file"], f["line"], f["severity"]) == ("main.tf", 5, "warning")
    assert "matches no finding on aws_customer_gateway.office (did you mean XB101?)" in f["message"]
    assert [(r["file"], r["line"]) for r in f["related"]] == [("main.tf", 6)]


def test_unknown_check_id_has_did_you_mean(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys, '# exitlint:ignore XB1011 reason="typo"')
    assert "XB1011 (did you mean XB101" in _by_id(report)["XB905"]["message"]


def test_suppression_used_through_another_root_is_not_unused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    from _cases import write

    write(tmp_path, "modules/net/main.tf",
          'variable "peer" {}\n\n' + cgw('# exitlint:ignore XB101 reason="CU 42"',
                                          peer="${var.peer}"))
    # prod's peer is abroad (the suppression hides it); staging's is in the mainland (nothing)
    write(tmp_path, "envs/prod/main.tf",
          'module "net" {\n  source = "../../modules/net"\n  peer = "18.184.1.1"\n}\n')
    write(tmp_path, "envs/staging/main.tf",
          'module "net" {\n  source = "../../modules/net"\n  peer = "114.114.114.114"\n}\n')
    code, report, _ = run_json(capsys, ".")
    assert code == 0
    assert [(f["check_id"], f["status"], f["root"]) for f in report["findings"]] == [
        ("XB101", "suppressed", "envs/prod")]


def test_block_without_instances_has_no_unused_suppression(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tf = cgw('# exitlint:ignore XB101 reason="off"').replace(
        'resource "aws_customer_gateway" "office" {',
        'resource "aws_customer_gateway" "office" {\n  count = 0')
    project(tmp_path, tf)
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and report["findings"] == []


POLICY_INLINE = "version: 1\ninline_suppressions: %s\n"


@pytest.mark.parametrize(("setting", "hidden"), [
    ("true", True), ("false", False), ("[XB601]", False), ("[XB101, XB601]", True)])
def test_inline_suppressions_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    setting: str, hidden: bool) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101 reason="CU 42"'), POLICY_INLINE % setting)
    code, report, _ = run_json(capsys, ".")
    by_id = _by_id(report)
    assert by_id["XB101"]["suppressed"] is hidden and code == (0 if hidden else 1)
    if hidden:
        assert "XB911" not in by_id
    else:  # a refused suppression hides nothing and is a warning at the comment
        assert (by_id["XB911"]["line"], by_id["XB911"]["severity"]) == (5, "warning")
        assert "inline_suppressions" in by_id["XB911"]["message"]


def test_inline_suppressions_cli_switch_wins(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw('# exitlint:ignore XB101 reason="CU 42"'), POLICY_INLINE % "true")
    code, report, _ = run_json(capsys, ".", "--inline-suppressions", "false")
    assert code == 1 and sorted(ids(report)) == ["XB101", "XB911"]
    code, report, _ = run_json(capsys, ".", "--inline-suppressions", "XB101")
    assert code == 0 and ids(report) == ["XB101"]
    code, _, err = run_json_err(capsys, ".", "--inline-suppressions", "maybe")
    assert code == 2 and "maybe" in err


def run_json_err(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from _cases import run

    return run(capsys, *argv)


def test_refused_kubernetes_annotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from _cases import write

    (tmp_path / ".git").mkdir()
    write(tmp_path, ".exitlint.yaml", POLICY_INLINE % "false")
    write(tmp_path, "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
          "  annotations:\n    exitlint.io/ignore: \"XB701: lab proxy\"\nspec:\n"
          "  containers: [{name: c, image: \"teddysun/xray:1.8.4\"}]\n")
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and sorted(ids(report)) == ["XB701", "XB911"]


@pytest.mark.parametrize(("comment", "words"), [
    ('# exitlint:ignore XB101 reasn="CU 42"', "unknown field reasn= (did you mean reason=?)"),
    ('# exitlint:ignore XB101 reason="CU 42" untl=2099-01-01', "did you mean until=?"),
])
def test_unknown_field_is_malformed(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    comment: str, words: str) -> None:
    code, report, _ = _scan(tmp_path, capsys, comment)
    by_id = _by_id(report)
    assert code == 1 and by_id["XB101"]["suppressed"] is False  # hides nothing
    assert words in by_id["XB909"]["message"]


def test_reason_with_an_equals_sign_is_fine(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _scan(tmp_path, capsys, '# exitlint:ignore XB101 reason="contract=42"')
    assert code == 0 and ids(report) == ["XB101"]
