"""The import layers (pyproject.toml [tool.importlinter]) hold for the package under test, and the
Kubernetes front end starts without the Terraform one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _subproc import child_env

REPO = Path(__file__).resolve().parents[1]


def _lint_imports() -> str | None:
    beside = Path(sys.executable).parent / "lint-imports"  # the venv this suite runs in
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("lint-imports")


def test_import_contract_is_kept() -> None:
    """lint-imports analyses the `exitlint` this interpreter imports (installed in CI, the source
    checkout through PYTHONPATH otherwise). Run from the repository root, where `linter/` cannot
    be mistaken for `exitlint`."""
    tool = _lint_imports()
    if tool is None:
        pytest.skip("import-linter is not installed (pip install '.[test]')")
    done = subprocess.run([tool, "--no-cache"], cwd=REPO, env=child_env(), capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout and "KEPT" in done.stdout


def test_contract_names_every_layer() -> None:
    """The contract is the one the README describes; an edit that drops a layer fails here."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    contracts = {c["id"]: c for c in config["importlinter"]["contracts"]}
    assert config["importlinter"]["root_package"] == "exitlint"
    assert contracts["layers"]["layers"][:2] == ["exitlint.cli", "exitlint.app"]
    assert contracts["layers"]["layers"][-1] == "exitlint.model"
    assert set(contracts["front-ends"]["modules"]) == {
        "exitlint.terraform", "exitlint.kubernetes", "exitlint.engine"}


_PROBE = """
import json, sys
import exitlint.kubernetes.scan
print(json.dumps(sorted(m for m in sys.modules
                        if m.startswith(("exitlint.terraform", "exitlint.hcl")))))
"""


def test_kubernetes_front_end_loads_no_terraform() -> None:
    """A manifest-only scan never pays for (or depends on) the HCL parser and evaluator."""
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=REPO, env=child_env(),
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == []


_RUNNER_PROBE = """
import json, sys
import exitlint.cache, exitlint.parallel
print(json.dumps(sorted(m for m in sys.modules if m.startswith(
    ("exitlint.terraform", "exitlint.kubernetes", "exitlint.hcl", "exitlint.engine")))))
"""


def test_cache_and_parallel_runner_load_no_front_end_and_no_engine() -> None:
    """The result cache and the parallel runner are generic (issue 11): loading them loads
    neither a front end nor the engine, directly or indirectly."""
    done = subprocess.run([sys.executable, "-c", _RUNNER_PROBE], cwd=REPO, env=child_env(),
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == []
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    runner = {c["id"]: c for c in config["importlinter"]["contracts"]}["runner"]
    assert set(runner["source_modules"]) >= {"exitlint.cache", "exitlint.parallel"}
    assert "allow_indirect_imports" not in runner
