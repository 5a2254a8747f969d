"""Meta-tests over the check catalogue: every definition is valid data with docs and examples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from exitlint.engine.catalog import load_checks
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
CHECK_FILES = sorted(p for sub in ("terraform", "policy", "kubernetes")
                     for p in (ROOT / "checks" / sub).glob("*.yaml"))
PACKS = sorted((ROOT / "checks" / "terraform" / "targets").glob("*.yaml"))


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    check = _schema("check.schema.json")
    registry = Registry().with_resource(check["$id"], Resource.from_contents(check)) \
        .with_resource("check.schema.json", Resource.from_contents(check))
    return jsonschema.Draft202012Validator(_schema(name), registry=registry)


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda p: p.name)
def test_check_file_is_valid(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in _validator("check.schema.json").iter_errors(raw)]
    assert not errors, errors
    assert path.stem == f"{raw['id']}-{raw['name']}"
    for key in ("summary", "rationale", "fix"):
        assert raw[key].strip()


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_target_pack_is_valid(path: Path) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in _validator("targets.schema.json").iter_errors(raw)]
    assert not errors, errors
    assert path.stem == raw["provider"]
    known = {p.stem.split("-", 1)[0] for p in CHECK_FILES}
    assert set(raw["checks"]) <= known, set(raw["checks"]) - known


def test_ids_are_unique_and_loaded() -> None:
    ids = [p.stem.split("-", 1)[0] for p in CHECK_FILES]
    assert len(ids) == len(set(ids))
    assert sorted(load_checks().checks) == sorted(ids)


def test_target_packs_extend_checks() -> None:
    catalog = load_checks()
    for path in PACKS:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for check_id, targets in raw["checks"].items():
            types = {t for target in catalog.checks[check_id].targets for t in target.types}
            for target in targets:
                assert set(target.get("types") or [target["type"]]) <= types
                for rtype in target.get("types") or [target["type"]]:
                    assert any(c.id == check_id for c, _ in catalog.by_type[rtype])


def test_group_targets_name_a_group() -> None:
    for check in load_checks().checks.values():
        for target in check.targets:
            if target.evaluator == "group":
                assert target.group.get("name") and target.group.get("hub")
