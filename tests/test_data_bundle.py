"""The check data pre-parsed at build time (linter/data_bundle.py): used only for the exact bytes
it was made from, never shared between callers, and never a reason to give another answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from exitlint import data_bundle, data_files
from exitlint.data_files import DataFiles

ROOT = Path(__file__).resolve().parents[1]


def _find(bundle: Path, data: bytes):
    return data_bundle.lookup(bundle, data_bundle.content_key(data))


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    data_bundle._entries.cache_clear()
    out = tmp_path / data_bundle.FILE_NAME
    out.write_text(data_bundle.build(ROOT / "checks"), encoding="utf-8")
    yield out
    data_bundle._entries.cache_clear()


def test_every_check_file_is_bundled_and_gives_what_the_yaml_gives(bundle: Path) -> None:
    files = sorted((ROOT / "checks").rglob("*.yaml"))
    assert len(files) > 50
    for path in files:
        raw = path.read_bytes()
        found, value = _find(bundle, raw)
        assert found, f"{path} is not in the bundle: its YAML does not survive JSON exactly"
        assert value == yaml.safe_load(raw), path


def test_build_is_deterministic(bundle: Path) -> None:
    assert data_bundle.build(ROOT / "checks") == bundle.read_text(encoding="utf-8")


def test_changed_bytes_are_not_found(bundle: Path) -> None:
    raw = (ROOT / "checks" / "deployers.yaml").read_bytes()
    assert _find(bundle, raw)[0]
    assert _find(bundle, raw + b"\n# edited\n") == (False, None)


def test_values_json_cannot_carry_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "date.yaml").write_text("expires: 2027-01-01\n", encoding="utf-8")
    (tmp_path / "d" / "intkey.yaml").write_text("1: one\n", encoding="utf-8")
    (tmp_path / "d" / "plain.yaml").write_text("a: [1, 2.5, true, null, x]\n", encoding="utf-8")
    out = tmp_path / "b.json"
    out.write_text(data_bundle.build(tmp_path / "d"), encoding="utf-8")
    data_bundle._entries.cache_clear()
    try:
        assert not _find(out, (tmp_path / "d" / "date.yaml").read_bytes())[0]
        assert not _find(out, (tmp_path / "d" / "intkey.yaml").read_bytes())[0]
        assert _find(out, (tmp_path / "d" / "plain.yaml").read_bytes()) == \
            (True, {"a": [1, 2.5, True, None, "x"]})
    finally:
        data_bundle._entries.cache_clear()


def test_each_lookup_is_a_fresh_copy(bundle: Path) -> None:
    raw = (ROOT / "checks" / "deployers.yaml").read_bytes()
    first = _find(bundle, raw)[1]
    first.clear()
    assert _find(bundle, raw)[1] == yaml.safe_load(raw)


@pytest.mark.parametrize("content", [b"", b"not json", b'{"format": 99, "entries": {}}',
                                     b'{"format": 1, "entries": []}', b"[1]"])
def test_a_broken_bundle_is_no_bundle(tmp_path: Path, content: bytes) -> None:
    out = tmp_path / "b.json"
    out.write_bytes(content)
    data_bundle._entries.cache_clear()
    try:
        assert _find(out, b"a: 1\n") == (False, None)
        assert _find(tmp_path / "absent.json", b"a: 1\n") == (False, None)
    finally:
        data_bundle._entries.cache_clear()


def test_data_files_prefers_the_bundle_and_parses_what_it_lacks(
        bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_files, "_bundle_path", lambda: bundle)
    parsed: list[str] = []
    real = data_files.load

    def counting(text: str):
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(data_files, "load", counting)
    catalogue = ROOT / "checks" / "signatures.yaml"
    assert DataFiles().load(catalogue) == yaml.safe_load(catalogue.read_bytes())
    assert DataFiles(str(tmp_path / "cache")).load(catalogue) == yaml.safe_load(
        catalogue.read_bytes())
    assert parsed == [] and not (tmp_path / "cache").exists()  # bundled: no parse, no entry
    mine = tmp_path / "mine.yaml"
    mine.write_text("provider: example\n", encoding="utf-8")
    assert DataFiles().load(mine) == {"provider": "example"}
    assert len(parsed) == 1


def test_bundle_is_json_with_text_entries(bundle: Path) -> None:
    raw = json.loads(bundle.read_text(encoding="utf-8"))
    assert raw["format"] == data_bundle.FORMAT
    assert all(isinstance(v, str) for v in raw["entries"].values())
