"""The real pre-commit against this repository's `.pre-commit-hooks.yaml` (`pre-commit try-repo`).

try-repo needs the hook repository's committed HEAD, so the working tree (tracked and untracked,
not ignored) is copied into a temporary git repository and committed there: the test checks the
code as it is on disk. Each try-repo run builds the hook environment afresh (a pip install of
exitlint into a temporary store), so the scenarios share two runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _cases import cgw, vpn

REPO = Path(__file__).resolve().parents[1]
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    return [exe] if Path(exe).is_file() or shutil.which(exe) else None


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or _pre_commit() is None:
        pytest.skip("git and pre-commit are needed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    dest = tmp_path_factory.mktemp("hook-repo")
    listed = _git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for rel in filter(None, listed.split("\0")):
        src = REPO / rel
        if src.is_file() and not rel.startswith(("benchmarks/", "tests/data/corpus")):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot for try-repo")
    return dest


@pytest.fixture(scope="module")
def pc_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _target(tmp_path: Path, files: dict[str, str]) -> Path:
    _git(tmp_path, "init", "-q")
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    _git(tmp_path, "add", "-A")
    return tmp_path


def try_repo(hook_repo: Path, pc_home: Path, target: Path,
             *files: str) -> subprocess.CompletedProcess[str]:
    cmd = _pre_commit()
    assert cmd is not None
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pc_home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*cmd, "try-repo", str(hook_repo), "exitlint", "--color", "never",
                           "--files", *files], cwd=target, capture_output=True, text=True,
                          env=env, timeout=600)


def test_hook_definition() -> None:
    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "exitlint" and hook["pass_filenames"] is True
    import re

    pattern = re.compile(hook["files"])
    for name in ("main.tf", "a/b.tofu", "prod.tfvars", "x.tf.json", "deploy.yaml", "k.yml",
                 "plan.json"):
        assert pattern.search(name), name
    assert not pattern.search("README.md")


def test_compliant_commit_passes(hook_repo: Path, pc_home: Path, tmp_path: Path) -> None:
    target = _target(tmp_path, {"main.tf": vpn(peer="114.114.114.114"),
                                "values.yaml": "replicas: 3\n"})
    proc = try_repo(hook_repo, pc_home, target, "main.tf", "values.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_noncompliant_commit_fails_with_the_finding(hook_repo: Path, pc_home: Path,
                                                    tmp_path: Path) -> None:
    """One try-repo run (each one installs the hook afresh): a non-compliant file, a file whose
    variable is declared in a variables.tf that is not passed, and a non-compliant file that is
    not passed and so not reported."""
    main = cgw().replace('"18.184.10.10"', "var.office_ip")
    variables = 'variable "office_ip" {\n  default = "18.184.10.10"\n}\n'
    target = _target(tmp_path, {"main.tf": vpn(), "other/main.tf": cgw(),
                                "vars/main.tf": main, "vars/variables.tf": variables})
    proc = try_repo(hook_repo, pc_home, target, "main.tf", "vars/main.tf")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "main.tf:9:1: XB101 error aws_customer_gateway.office" in proc.stdout
    assert "vars/main.tf:6:1: XB101 error aws_customer_gateway.office" in proc.stdout
    assert "ip_address 18.184.10.10 is registered to US" in proc.stdout
    assert "other/main.tf" not in proc.stdout  # only the staged files are reported
