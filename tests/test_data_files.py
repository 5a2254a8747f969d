"""Bundled data files are read through a DataFiles object the app creates per scan: the parsed
YAML is kept in that scan's cache directory, and nothing is held at module level."""

from __future__ import annotations

from pathlib import Path

import pytest
from exitlint import data_files
from exitlint.app import ScanOptions, scan
from exitlint.data_files import DataFiles


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "data").rglob("*.json")) if (cache / "data").is_dir() else []


def test_cached_parse_is_reused_until_the_file_changes(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "provider.yaml"
    data.write_text("provider: aws\nregions: {cn-north-1: {mainland: true}}\n", encoding="utf-8")
    files = DataFiles(str(tmp_path / "cache"))
    first = files.load(data)
    assert first["provider"] == "aws" and len(_entries(tmp_path / "cache")) == 1

    def no_parse(text: str) -> None:
        raise AssertionError("parsed again although the cache entry matches")

    monkeypatch.setattr(data_files, "load", no_parse)
    assert DataFiles(str(tmp_path / "cache")).load(data) == first  # a new object, same directory
    monkeypatch.undo()
    data.write_text("provider: azure\n", encoding="utf-8")
    assert files.load(data) == {"provider": "azure"}  # the entry no longer matches the content


def test_without_a_directory_nothing_is_kept(tmp_path: Path) -> None:
    data = tmp_path / "v.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    cached = DataFiles(str(tmp_path / "cache"))
    assert cached.load(data) == {"a": 1}
    # another object (or the default of load_file) does not inherit the first one's cache
    (tmp_path / "cache").rename(tmp_path / "old")
    assert DataFiles().load(data) == data_files.load_file(data) == {"a": 1}
    assert not (tmp_path / "cache").exists()
    assert DataFiles(str(tmp_path / "x")) == DataFiles(str(tmp_path / "x"))  # loader memo key


def test_scan_keeps_the_catalogue_in_its_own_cache_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as a source checkout runs: without the wheel's pre-parsed check data (data_bundle.py),
    # which an installed exitlint reads instead of the cache
    monkeypatch.setattr(data_files, "_bundle_path", lambda: tmp_path / "no-bundle.json")
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.tf").write_text('provider "aws" {\n  region = "cn-north-1"\n}\n',
                                     encoding="utf-8")
    cache = tmp_path / "cache"
    result = scan(ScanOptions(paths=[project], base=project, use_cache=True, cache_dir=cache))
    assert _entries(cache), "the check catalogue was not kept in the scan's cache directory"
    assert result.checks and {c.id for c in result.checks} >= {"XB101", "XB901"}
    # a second scan in the same process with another cache directory uses that one: the first
    # scan's setting (once a module-level global) does not carry over
    other = tmp_path / "other"
    scan(ScanOptions(paths=[project], base=project, use_cache=True, cache_dir=other))
    assert _entries(other)
    off = tmp_path / "off"
    scan(ScanOptions(paths=[project], base=project, use_cache=False, cache_dir=off))
    assert not off.exists()
