"""The engine stamp is remembered with the stat of everything it read (issue 16, pre-commit
start-up): reused without reading a byte while nothing changed, computed afresh on any change,
including an edit that restores the file's size and modification time."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from exitlint import cache as cache_mod
from exitlint import tree_stamp


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dependency's package directory (as iptocc's holds its database), in the stamp."""
    top = tmp_path / "site" / "fakeiptocc"
    top.mkdir(parents=True)
    (top / "__init__.py").write_text("")
    (top / "iptocc.abi3.so").write_bytes(b"1.0.1.0/24 CN")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(cache_mod, "_PACKAGES", ("fakeiptocc",))
    return top


@pytest.fixture
def store(tmp_path: Path) -> Path:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    return directory


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled (else no record is kept for 2 s)."""
    real = time.time_ns
    monkeypatch.setattr(tree_stamp.time, "time_ns", lambda: real() + 10 * tree_stamp.RACY_NS)


def stamp(directory: Path | None) -> str:
    return cache_mod.compute_stamp(directory)  # the per-process memo aside


class Reads:
    """Counts what the stamp hashes and every file read while it is computed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.hashed: list[Path] = []
        self.read: list[Path] = []
        files, read_bytes = tree_stamp.Hasher.files, Path.read_bytes

        def spy_files(hasher: Any, root: Path, paths: list[Path]) -> None:
            self.hashed.extend(paths)
            files(hasher, root, paths)

        def spy_read(path: Path) -> bytes:
            self.read.append(path)
            return read_bytes(path)
        monkeypatch.setattr(tree_stamp.Hasher, "files", spy_files)
        monkeypatch.setattr(Path, "read_bytes", spy_read)


def records(store: Path) -> list[Path]:
    return sorted((store / "stamp").glob("*.json"))


def next_tick(after_ns: int, probe: Path) -> None:
    """Wait until the file system's clock is past `after_ns` (timestamps are coarse)."""
    for _ in range(1000):
        probe.write_bytes(b"x")
        if probe.stat().st_ctime_ns > after_ns:
            return
        time.sleep(0.001)
    raise AssertionError("the clock did not move")


def test_remembered_stamp_equals_the_computed_one_and_is_reused_without_reading(
        package: Path, store: Path, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = stamp(None)
    assert stamp(store) == fresh
    assert len(records(store)) == 1
    reads = Reads(monkeypatch)
    assert stamp(store) == fresh
    assert reads.hashed == [] and reads.read == []  # only stats and the record itself
    assert stamp(None) == fresh and reads.hashed  # the spy sees hashing when it happens


def test_edit_with_size_and_mtime_restored_changes_the_stamp(
        package: Path, store: Path, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    data = package / "iptocc.abi3.so"
    before = stamp(store)
    recorded = data.stat()
    next_tick(recorded.st_ctime_ns, package.parent.parent / "probe")  # not a covered directory
    with data.open("r+b") as fh:  # a new release moved the block; same size, mtime set back
        fh.write(b"1.0.1.0/24 US")
    os.utime(data, ns=(recorded.st_atime_ns, recorded.st_mtime_ns))
    now = data.stat()
    assert (now.st_size, now.st_mtime_ns) == (recorded.st_size, recorded.st_mtime_ns)
    reads = Reads(monkeypatch)
    moved = stamp(store)
    assert moved != before and moved == stamp(None)
    assert data in reads.hashed
    assert stamp(store) == moved  # and the new one is remembered in turn


def test_new_file_in_a_covered_directory_changes_the_stamp(
        package: Path, store: Path, settled: None) -> None:
    before = stamp(store)
    (package / "extra.dat").write_bytes(b"more data")
    after = stamp(store)
    assert after != before and after == stamp(None)


def test_changed_file_in_exitlint_checks_is_seen(
        package: Path, store: Path, settled: None, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """The bundled data is covered too (a copy of checks/ stands in for it here)."""
    checks = tmp_path / "checks"
    (checks / "providers").mkdir(parents=True)
    rule = checks / "providers" / "aws.yaml"
    rule.write_text("regions: [cn-north-1]\n")
    monkeypatch.setattr("exitlint.resources.checks_dir", lambda: checks)
    before = stamp(store)
    rule.write_text("regions: [cn-north-9]\n")
    assert stamp(store) != before


def test_a_recent_change_is_not_remembered(package: Path, store: Path) -> None:
    """Written just now: a second write in the same clock tick could keep every stat, so the
    stamp is computed again next time instead of trusted."""
    fresh = stamp(store)
    assert records(store) == []
    assert stamp(store) == fresh


def test_a_damaged_record_is_a_miss(package: Path, store: Path, settled: None) -> None:
    fresh = stamp(store)
    [record] = records(store)
    raw = json.loads(record.read_text())
    for damaged in ({**raw, "stamp": "0" * 40}, {**raw, "stats": []}, [], {**raw, "key": []},
                    {**raw, "stats": [["/", None]], "sum": "x"}, "{"):
        record.write_text(damaged if isinstance(damaged, str) else json.dumps(damaged))
        with pytest.MonkeyPatch.context() as spying:
            reads = Reads(spying)
            assert stamp(store) == fresh
        assert reads.hashed  # computed again, and the record rewritten
        assert json.loads(record.read_text()) == raw


def test_another_interpreter_path_has_its_own_record(package: Path, store: Path,
                                                     settled: None,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    stamp(store)
    extra = tmp_path / "elsewhere"
    extra.mkdir()
    monkeypatch.syspath_prepend(str(extra))  # another environment: where packages come from
    stamp(store)
    assert len(records(store)) == 2


def test_taken_once_per_process(package: Path, store: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The code that runs is the code loaded when the scan began: one stamp per process,
    whichever cache directory asks next."""
    monkeypatch.setattr(cache_mod, "_stamp", [])
    first = cache_mod.engine_stamp(store)
    assert first == stamp(None)
    (package / "iptocc.abi3.so").write_bytes(b"changed after start")
    reads = Reads(monkeypatch)
    assert cache_mod.engine_stamp(tmp_path / "other") == first
    assert reads.hashed == []
