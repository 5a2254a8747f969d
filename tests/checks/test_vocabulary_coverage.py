"""Every vocabulary value that the examples and tests write in a resource is known to the data
(issue 12 item 11): a value missing from `checks/vocabularies/` would make a real link unknown
(or a false warning) without anyone noticing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from exitlint.geo.geography import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
_RESOURCE = re.compile(r'resource\s+\\?"([A-Za-z0-9_]+)\\?"\s+\\?"[^"\\]+\\?"\s*\{')

# Values written on purpose to test what an unknown value does: (file name, value)
DELIBERATELY_UNKNOWN: set[tuple[str, str]] = set()


def _ends(spec: Any) -> Iterator[dict[str, Any]]:
    for end in spec or []:
        yield end
        yield from _ends(end.get("end"))


def _terms() -> dict[str, set[tuple[str, str]]]:
    """resource type -> {(attribute name, vocabulary)} read from the check definitions."""
    out: dict[str, set[tuple[str, str]]] = {}
    files = sorted((ROOT / "checks" / "terraform").glob("*.yaml"))
    files += sorted((ROOT / "checks" / "terraform" / "targets").glob("*.yaml"))
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        targets = list(raw.get("targets") or [])
        for more in (raw.get("checks") or {}).values():
            targets += more
        for target in targets:
            types = target.get("types") or [target.get("type")]
            for end in [*_ends(target.get("local")), *_ends(target.get("remote"))]:
                if "term" in end and "vocabulary" in end:
                    for t in types:
                        out.setdefault(t, set()).add((end["term"].split(".")[-1],
                                                      end["vocabulary"]))
    return out


TERMS = _terms()


def _block(text: str, start: int) -> str:
    """The text of the block opening before `start`, to its closing brace."""
    depth, i = 1, start
    while i < len(text) and depth:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return text[start:i]


def _written(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(resource type, attribute, vocabulary, literal value) for each term attribute given as a
    plain string literal in a resource block of `path` (HCL, or HCL inside a Python test)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    for m in _RESOURCE.finditer(text):
        rtype = m.group(1)
        if rtype not in TERMS:
            continue
        body = _block(text, m.end())
        for attr, vocab in TERMS[rtype]:
            for v in re.finditer(rf'(?m)^\s*{re.escape(attr)}\s*=\s*\\?"([^"$\\{{}}]+)\\?"\s*$',
                                 body):
                if "%" not in v.group(1):  # a Python format placeholder, not a value
                    yield rtype, attr, vocab, v.group(1)


def _sources() -> list[Path]:
    files = sorted((ROOT / "examples").rglob("*.tf"))
    files += sorted(p for p in (ROOT / "tests").rglob("*.py") if p.name != Path(__file__).name)
    return files


def test_the_scan_finds_vocabulary_values() -> None:
    """The test reads real values (not a vacuous pass)."""
    seen = {(rtype, value) for path in _sources() for rtype, _, _, value in _written(path)}
    assert ("tencentcloud_gaap_proxy", "Hongkong") in seen
    assert len(seen) > 30


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_written_vocabulary_value_is_known(path: Path) -> None:
    catalogue = load_catalogue()
    for rtype, attr, vocab, value in _written(path):
        if (path.name, value) in DELIBERATELY_UNKNOWN:
            continue
        assert catalogue.vocabularies[vocab].lookup(value) is not None, (
            f"{path.relative_to(ROOT)}: {rtype}.{attr} = {value!r} is not in "
            f"checks/vocabularies/{vocab}.yaml")


@pytest.mark.parametrize(("vocab", "value", "cls"), [
    ("tencent_gaap_region", "SL_TAIWAN", "non-mainland"),
    ("tencent_gaap_region", "EastChina", "mainland"),
    ("tencent_gaap_region", "SouthwestChina", "mainland"),
    ("tencent_gaap_region", "Hongkong", "non-mainland"),
    ("anycast_service_area", "ChineseMainland", "mainland"),
    ("anycast_service_area", "international", "non-mainland"),
])
def test_documented_values(vocab: str, value: str, cls: str) -> None:
    term = load_catalogue().vocabularies[vocab].lookup(value)
    assert term is not None and term.cls == cls


def test_every_vocabulary_names_its_source() -> None:
    for path in sorted((ROOT / "checks" / "vocabularies").glob("*.yaml")):
        head = path.read_text(encoding="utf-8")[:2000]
        assert re.search(r"(?im)^#.*\bsources?\b", head), f"{path.name}: no source comment"


@pytest.mark.parametrize(("access", "real", "expected"), [
    ("EastChina", "SouthwestChina", []),  # both mainland: no finding
    ("SL_TAIWAN", "EastChina", ["error"]),  # Taiwan is outside mainland China
    ("NorthChina", "SL_UK", ["error"]),
    ("Hongkong", "SL_TAIWAN", []),  # both outside
])
def test_gaap_proxy_documented_regions(access: str, real: str, expected: list[str],
                                       tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from _cases import run_json

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text(
        'provider "tencentcloud" {\n  region = "ap-shanghai"\n}\n'
        f'resource "tencentcloud_gaap_proxy" "p" {{\n  name = "p"\n  bandwidth = 10\n'
        f'  concurrent = 2\n  access_region = "{access}"\n  realserver_region = "{real}"\n}}\n',
        encoding="utf-8")
    _, report, _ = run_json(capsys, ".", "--no-cache")
    assert [f["severity"] for f in report["findings"] if f["check_id"] == "XB401"] == expected
