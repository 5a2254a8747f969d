"""A policy found valid is remembered in the cache directory by its exact content, under the
engine stamp (issue 16: a pre-commit run with a policy file neither imports jsonschema nor
validates it again); an invalid policy is never remembered, and any change validates again."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from exitlint import policy as policy_mod
from exitlint.cli import main
from exitlint.policy import PolicyError, validate_policy

MAIN_TF = """\
provider "aws" {
  region = "cn-north-1"
}
resource "aws_customer_gateway" "cg" {
  bgp_asn    = 65000
  ip_address = "52.0.0.1"
  type       = "ipsec.1"
}
"""

POLICY = """\
version: 1
unknown: warning
approved_exits:
  - id: hk-line
    carrier: china-telecom
    approval: MIIT-2027-001
    expires: 2099-01-01
    match:
      peer_cidrs: [52.0.0.0/24]
"""


class Validations:
    """Counts the schema validations jsonschema performs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = jsonschema.Draft202012Validator.iter_errors

        def spy(validator: Any, instance: Any, *args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(validator, instance, *args, **kwargs)
        monkeypatch.setattr(jsonschema.Draft202012Validator, "iter_errors", spy)


def scan(repo: Path, cache: Path | None, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(repo)
    args = ["--pre-commit", "--format", "json", "main.tf"]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    top = tmp_path / "repo"
    (top / ".git").mkdir(parents=True)
    (top / "main.tf").write_text(MAIN_TF)
    (top / ".exitlint.yaml").write_text(POLICY)
    return top


def test_a_valid_policy_is_validated_once(repo: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    validations = Validations(monkeypatch)
    truth = scan(repo, None, monkeypatch)
    assert truth[0] == 0 and "approved" in truth[1]  # the exit is read and used
    first = validations.count
    assert first >= 1
    assert scan(repo, cache, monkeypatch) == truth
    assert validations.count == 2 * first
    assert scan(repo, cache, monkeypatch) == truth
    assert validations.count == 2 * first  # remembered: not validated again
    assert list((cache / "policy").rglob("*.json"))


def test_an_invalid_policy_is_never_remembered(repo: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    (repo / ".exitlint.yaml").write_text(POLICY.replace("unknown: warning", "unknown: maybe"))
    first = scan(repo, cache, monkeypatch)
    assert first[0] == 2 and "invalid policy at unknown" in first[1]
    assert scan(repo, cache, monkeypatch) == first
    assert not (cache / "policy").exists()


def test_an_edit_after_a_valid_run_is_validated(repo: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    assert scan(repo, cache, monkeypatch)[0] == 0
    (repo / ".exitlint.yaml").write_text(POLICY.replace("2099-01-01", "2099-13-01"))
    broken = scan(repo, cache, monkeypatch)
    assert broken[0] == 2 and "2099-13-01" in broken[1]
    (repo / ".exitlint.yaml").write_text(POLICY + "surprise: 1\n")
    extra = scan(repo, cache, monkeypatch)
    assert extra[0] == 2 and "surprise" in extra[1]


def test_the_verdict_is_kept_per_stamp_and_exact_value(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / ".exitlint.yaml"
    validations = Validations(monkeypatch)
    raw = {"version": 1, "approved_exits": [{"id": "a", "carrier": "China Telecom",
                                              "expires": "2099-01-01",
                                              "match": {"peer_cidrs": ["52.0.0.0/24"]}}]}
    validate_policy(raw, path, (tmp_path, "stamp-1"))
    validate_policy(raw, path, (tmp_path, "stamp-1"))
    assert validations.count == 1
    validate_policy(raw, path, (tmp_path, "stamp-2"))  # another exitlint, schema or jsonschema
    assert validations.count == 2
    as_date = {**raw, "approved_exits": [{**raw["approved_exits"][0],
                                          "expires": dt.date(2099, 1, 1)}]}
    entry = policy_mod._valid_entry((tmp_path, "stamp-1"), b"{}", raw)
    other = policy_mod._valid_entry((tmp_path, "stamp-1"), b"{}", as_date)
    assert entry is not None and other is not None and entry != other
    with pytest.raises(PolicyError):  # invalid, whatever was remembered for other values
        validate_policy({**raw, "version": 2}, path, (tmp_path, "stamp-1"))
