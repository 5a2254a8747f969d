"""`exitlint new-check` scaffolds a valid check definition, both examples and an expected-findings
file, never overwrites, and leaves TODOs that `exitlint docs --check` reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from _cases import run
from exitlint.docs import unfinished_checks
from exitlint.scaffold import CATEGORIES

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "schemas" / "check.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A throwaway source checkout: the real checks/ (for the templates) and an examples/."""
    shutil.copytree(REPO / "checks", tmp_path / "checks")
    (tmp_path / "examples").mkdir()
    return tmp_path


def _new(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "new-check", *argv, "--root", str(root))


@pytest.mark.parametrize(("platform", "example", "suffix"), [
    ("kubernetes", "examples/kubernetes/XB799-relay-tunnel", "manifest.yaml"),
    ("terraform", "examples/aws/XB799-relay-tunnel", "main.tf")])
def test_scaffolds_the_four_files(checkout: Path, capsys: pytest.CaptureFixture[str],
                                  platform: str, example: str, suffix: str) -> None:
    code, out, err = _new(capsys, checkout, "xb799", "--platform", platform,
                          "--name", "relay-tunnel")
    assert code == 0, err
    definition = f"checks/{platform}/XB799-relay-tunnel.yaml"
    written = out.split()
    assert written == [definition, f"{example}/noncompliant/{suffix}",
                       f"{example}/compliant/{suffix}", f"{example}/expected.yaml"]
    raw = yaml.safe_load((checkout / definition).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(raw)
    assert (raw["id"], raw["name"], raw["severity"]) == ("XB799", "relay-tunnel", "error")
    assert raw["category"] == ("kubernetes" if platform == "kubernetes" else "vpn")
    assert raw["examples"] == {"noncompliant": f"{example}/noncompliant",
                               "compliant": f"{example}/compliant"}
    expected = yaml.safe_load((checkout / example / "expected.yaml").read_text(encoding="utf-8"))
    assert expected["findings"][0]["check_id"] == "XB799"
    if platform == "kubernetes":  # the examples are manifests exitlint can read
        for kind in ("noncompliant", "compliant"):
            doc = yaml.safe_load((checkout / example / kind / suffix).read_text(encoding="utf-8"))
            assert doc["apiVersion"] and doc["kind"]
    # every file holds a placeholder, and the docs check reports each until it is replaced
    assert unfinished_checks(checkout) == sorted(written)


def test_docs_check_flags_the_placeholders(checkout: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    docs = ("docs", "--check", "--root", str(checkout), "--dir", str(checkout / "docs" / "checks"))
    assert run(capsys, "docs", "--write", *docs[2:])[0] == 0
    assert run(capsys, *docs)[0] == 0
    assert _new(capsys, checkout, "XB798", "--platform", "kubernetes", "--name", "x")[0] == 0
    assert run(capsys, "docs", "--write", *docs[2:])[0] == 0  # pages fresh, TODOs still there
    code, out, _ = run(capsys, *docs)
    assert code == 1 and "unfinished:" in out and "XB798-x.yaml" in out


def test_refuses_to_overwrite(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--platform", "terraform", "--name", "relay-tunnel")
    assert _new(capsys, checkout, "XB799", *args)[0] == 0
    before = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()}
    code, _, err = _new(capsys, checkout, "XB799", *args)
    assert code == 2 and "already exists" in err
    code, _, err = _new(capsys, checkout, "XB101", "--platform", "terraform", "--name", "other")
    assert code == 2 and "XB101 already exists" in err
    # an example directory in the way (a check deleted but its examples left behind)
    (checkout / "examples" / "kubernetes" / "XB797-left").mkdir(parents=True)
    code, _, err = _new(capsys, checkout, "XB797", "--platform", "kubernetes", "--name", "left")
    assert code == 2 and "not overwriting examples/kubernetes/XB797-left" in err
    after = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()}
    assert after == before  # nothing written by a refused run


@pytest.mark.parametrize("argv", [("XB1", "--name", "x"), ("XB799", "--name", "Not_Kebab"),
                                  ("XB799", "--name", "x", "--provider", "../evil")])
def test_rejects_bad_ids_and_names(checkout: Path, capsys: pytest.CaptureFixture[str],
                                   argv: tuple[str, ...]) -> None:
    code, _, err = _new(capsys, checkout, *argv, "--platform", "terraform")
    assert code == 2 and err
    assert not list((checkout / "examples").iterdir())


def test_categories_are_the_schemas() -> None:
    assert list(CATEGORIES) == SCHEMA["properties"]["category"]["enum"]


def test_committed_checks_have_no_placeholders() -> None:
    assert unfinished_checks(REPO) == []
