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
from _cases import UNKNOWN_PEER, cgw, vpn

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
    # in the entry, not in args: users' own `args:` replace the hook's
    assert hook["entry"].split() == ["exitlint", "--pre-commit"]
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


# -- file names that look like options (issue 10 §4) -------------------------------------------
def _hook_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The hook's command line (`entry + args + file names`) without pre-commit."""
    from exitlint.cli import main

    monkeypatch.chdir(tmp_path)
    code = main(["--pre-commit", *argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_hook_mode_takes_existing_names_as_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text(vpn())
    (tmp_path / "p.yaml").write_text("version: 1\nchecks:\n  XB101: disabled\n")
    for name in ("--policy=p.yaml", "--write-baseline=x.json", "--fail-on", "never", "-q"):
        (tmp_path / name).write_text("x: 1\n")
    code, out = _hook_in_process(tmp_path, monkeypatch, capsys, "--quiet", "--no-cache",
                                 "--fail-on", "never", "-q", "--policy=p.yaml",
                                 "--write-baseline=x.json", "main.tf", "p.yaml")
    assert "main.tf:9:1: XB101 error aws_customer_gateway.office" in out
    for name in ("--policy=p.yaml", "--write-baseline=x.json", "--fail-on", "-q"):
        assert f"exitlint: {name}: this file name reads as an exitlint option" in out, name
    assert code == 2 and not (tmp_path / "x.json").exists()


def test_hook_mode_keeps_option_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text(vpn())
    (tmp_path / "off.yaml").write_text("version: 1\nchecks:\n  XB101: disabled\n")
    code, out = _hook_in_process(tmp_path, monkeypatch, capsys, "--policy", "off.yaml",
                                 "--no-cache", "--format=json", "main.tf")
    assert code == 0, out  # the user's own --policy, with its value, is honoured
    assert '"findings": []' in out


def run_hook(hook_repo: Path, pc_home: Path, target: Path,
             args: list[str] | None) -> subprocess.CompletedProcess[str]:
    """`pre-commit run --all-files` with the hook from `hook_repo`, configured as users do
    (their own `args:` replace the hook's). Runs share one installed hook environment."""
    import yaml

    hook: dict[str, object] = {"id": "exitlint"}
    if args is not None:
        hook["args"] = args
    rev = _git(hook_repo, "rev-parse", "HEAD").strip()
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [hook]}]}
    (target / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(target, "add", "-A")
    cmd = _pre_commit()
    assert cmd is not None
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pc_home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*cmd, "run", "--all-files", "--color", "never"], cwd=target,
                          capture_output=True, text=True, env=env, timeout=600)


def test_file_names_are_never_options(hook_repo: Path, pc_home: Path, tmp_path: Path) -> None:
    """Root files named `--policy=p.yaml` and `--write-baseline=x.json` (pre-commit sorts them
    first) once became options: p.yaml switched XB101 off and the hook passed a foreign VPN.
    Now they are files: the VPN fails the hook, no baseline is written, and the names are
    reported."""
    target = _target(tmp_path, {
        "main.tf": vpn(),
        "p.yaml": "version: 1\nchecks:\n  XB101: disabled\n",
        "--policy=p.yaml": "x: 1\n",
        "--write-baseline=x.json": "{}\n",
    })
    proc = run_hook(hook_repo, pc_home, target, None)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out  # pre-commit's own code for a failed hook
    assert "Failed" in out
    assert "main.tf:9:1: XB101 error aws_customer_gateway.office" in out
    assert "--policy=p.yaml: this file name reads as an exitlint option" in out
    assert not (target / "x.json").exists()


def test_users_args_still_work(hook_repo: Path, pc_home: Path, tmp_path: Path) -> None:
    """Users' `args:` replace the hook's and come before the file names: an option's value
    that names a file (`--policy ci/strict.yaml`) stays the option's value."""
    target = _target(tmp_path, {
        "main.tf": vpn(peer=UNKNOWN_PEER),  # an unknown peer: a warning by default
        ".exitlint.yaml": "version: 1\nunknown: ignore\n",
        "ci/strict.yaml": "version: 1\nunknown: error\n",
    })
    proc = run_hook(hook_repo, pc_home, target,
                    ["--quiet", "--fail-on", "warning", "--policy", "ci/strict.yaml"])
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "main.tf:9:1: XB101 error aws_customer_gateway.office" in out  # strict.yaml applied
    assert "reads as an exitlint option" not in out and "does not exist" not in out


# -- a commit that changes only where a value comes from (issue 11) ----------------------------
def run_staged(hook_repo: Path, pc_home: Path, target: Path, committed: dict[str, str],
               staged: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A commit as users make one: `committed` (with the hook configured) is the last commit,
    `staged` the files the next one changes; `pre-commit run` passes the staged files only.
    Runs share one installed hook environment (same hook repository, revision and home)."""
    import yaml

    rev = _git(hook_repo, "rev-parse", "HEAD").strip()
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "exitlint"}]}]}
    _target(target, {**committed, ".pre-commit-config.yaml": yaml.safe_dump(config)})
    _git(target, "commit", "-q", "-m", "compliant")
    for rel, text in staged.items():
        (target / rel).write_text(text, encoding="utf-8")
        _git(target, "add", rel)
    cmd = _pre_commit()
    assert cmd is not None
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(pc_home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*cmd, "run", "--color", "never"], cwd=target, capture_output=True,
                          text=True, env=env, timeout=600)


def _value_change(kind: str) -> tuple[dict[str, str], dict[str, str], str]:
    """(last commit, staged change, the named file the finding's "via" line shows)."""
    from test_named_files import DOMESTIC, FOREIGN, repository_files

    if kind == "tfvars":
        staged = repository_files(tfvars=f'peer = "{FOREIGN}"\n')
        return repository_files(), {"envs/prod/terraform.tfvars": staged[
            "envs/prod/terraform.tfvars"]}, "envs/prod/terraform.tfvars:1"
    if kind == "default":
        staged = repository_files(tfvars=None, default=FOREIGN)
        return repository_files(tfvars=None), {"envs/prod/variables.tf": staged[
            "envs/prod/variables.tf"]}, "envs/prod/variables.tf:2"
    staged = repository_files(argument=f'"{FOREIGN}"')
    return repository_files(argument=f'"{DOMESTIC}"'), {"envs/prod/main.tf": staged[
        "envs/prod/main.tf"]}, "envs/prod/main.tf:7"


@pytest.mark.parametrize("kind", ["tfvars", "default", "module-argument"])
def test_a_commit_moving_a_value_abroad_fails_with_the_finding(
        hook_repo: Path, pc_home: Path, tmp_path: Path, kind: str) -> None:
    """Only the tfvars file, the variable default or the module argument is staged; the link
    it moves abroad is in the shared module, which the commit does not touch."""
    committed, staged, named = _value_change(kind)
    proc = run_staged(hook_repo, pc_home, tmp_path, committed, staged)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "modules/vpn/main.tf:3:1: XB101 error module.vpn.aws_customer_gateway.office" in out
    assert "ip_address 18.184.10.10 is registered to US" in out
    assert f"via {named}:" in out
    assert "elsewhere" not in out  # the unrelated root is not part of the commit


def test_a_commit_changing_a_mounted_configmap_fails_with_the_workloads_finding(
        hook_repo: Path, pc_home: Path, tmp_path: Path) -> None:
    from test_named_files import DOMESTIC, cluster_files

    staged = {"k8s/edge/frpc-config.yaml": cluster_files("58.176.0.1")[
        "k8s/edge/frpc-config.yaml"]}
    proc = run_staged(hook_repo, pc_home, tmp_path, cluster_files(DOMESTIC), staged)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "k8s/edge/frpc.yaml:" in out and "XB703 error Deployment/edge/frpc" in out
    assert "via k8s/edge/frpc-config.yaml:" in out


def test_a_compliant_value_change_passes(hook_repo: Path, pc_home: Path, tmp_path: Path) -> None:
    from test_named_files import repository_files

    staged = {"envs/prod/terraform.tfvars": 'peer = "114.114.114.115"\n'}
    proc = run_staged(hook_repo, pc_home, tmp_path, repository_files(), staged)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
