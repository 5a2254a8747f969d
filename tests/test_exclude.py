"""`exclude` (policy) and `--exclude` (command line): SPEC §4 and §9 "What is read"."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import DOMESTIC_PEER, cgw, ids, project, run, run_json, write
from exitlint.exclude import Excludes, invalid_pattern


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("legacy/**", "legacy/a/main.tf", True),
    ("legacy/**", "legacy/main.tf", True),
    ("legacy/**", "src/legacy/main.tf", False),  # anchored: has a `/`
    ("legacy", "src/legacy/main.tf", True),  # a bare name matches at any depth
    ("legacy/", "src/legacy/main.tf", True),
    ("legacy/", "src/legacy", False),  # trailing `/`: directories only
    ("/legacy", "src/legacy/main.tf", False),  # a leading `/` anchors
    ("*.auto.tfvars", "envs/prod/x.auto.tfvars", True),
    ("*.auto.tfvars", "envs/prod/terraform.tfvars", False),
    ("envs/*/main.tf", "envs/prod/main.tf", True),
    ("envs/*/main.tf", "envs/prod/eu/main.tf", False),  # `*` stays within a segment
    ("envs/**/main.tf", "envs/prod/eu/main.tf", True),
    ("envs/**/main.tf", "envs/main.tf", True),  # `**` spans zero directories too
    ("**/testdata/**", "a/b/testdata/c.yaml", True),
    ("m?in.tf", "main.tf", True),
    ("[mn]ain.tf", "nain.tf", True),
    ("[!m]ain.tf", "main.tf", False),
    ("main.tf", "../main.tf", False),  # outside the base: never matched
])
def test_glob_semantics(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    base = tmp_path / "repo"
    rule = Excludes(base, (pattern,))
    assert (rule.matches(base / path) == pattern) is hit


def test_invalid_pattern() -> None:
    assert invalid_pattern("legacy/**") is None
    assert invalid_pattern("a[b") is None  # an unclosed class is a literal `[`


def _two_dirs(tmp_path: Path, policy: str | None = None) -> None:
    project(tmp_path, cgw(peer=DOMESTIC_PEER), policy=policy)
    write(tmp_path, "legacy/main.tf", cgw())  # an XB101 finding when scanned
    write(tmp_path, "live/main.tf", cgw())


def test_policy_exclude_skips_a_directory_and_counts_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_dirs(tmp_path)
    code, report, _ = run_json(capsys, ".")
    assert sorted({f["file"] for f in report["findings"]}) == ["legacy/main.tf", "live/main.tf"]
    _two_dirs(tmp_path, policy='version: 1\nexclude: ["legacy/**"]\n')
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and {f["file"] for f in report["findings"]} == {"live/main.tf"}
    assert report["summary"]["excluded"] == 1
    assert report["excluded"] == [{"file": "legacy/main.tf", "pattern": "legacy/**",
                                   "source": ".exitlint.yaml"}]
    code, out, _ = run(capsys, ".")
    assert "1 excluded" in out.splitlines()[-1]


def test_no_exclude_no_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_dirs(tmp_path)
    _, report, _ = run_json(capsys, ".")
    assert "excluded" not in report and "excluded" not in report["summary"]


def test_exclude_applies_to_named_files(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """pre-commit names staged files: an excluded one is still never scanned."""
    _two_dirs(tmp_path, policy='version: 1\nexclude: ["legacy"]\n')
    code, report, _ = run_json(capsys, "legacy/main.tf")
    assert code == 0 and report["findings"] == [] and report["summary"]["files"] == 0
    assert [e["file"] for e in report["excluded"]] == ["legacy/main.tf"]
    code, out, _ = run(capsys, "--pre-commit", "legacy/main.tf", "live/main.tf")
    assert code == 1 and "live/main.tf" in out and "legacy/main.tf" not in out.split("\n0 ")[0]
    assert "1 excluded" in out


def test_exclude_flag_is_relative_to_the_current_directory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    _two_dirs(tmp_path)
    code, report, _ = run_json(capsys, ".", "--exclude", "live/**", "--exclude", "legacy")
    assert code == 0 and report["findings"] == []
    assert {(e["file"], e["source"]) for e in report["excluded"]} == {
        ("legacy/main.tf", "--exclude"), ("live/main.tf", "--exclude")}
    monkeypatch.chdir(tmp_path / "live")
    # a bare name matches at any depth, but only below the current directory
    code, report, _ = run_json(capsys, "..", "--exclude", "main.tf")
    # (paths shown relative to the scanned directory, which is not below the cwd)
    assert [e["file"] for e in report["excluded"]] == ["live/main.tf"]
    assert code == 1 and {f["file"] for f in report["findings"]} == {"legacy/main.tf"}


def test_nested_policy_excludes_only_what_it_governs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Globs are relative to the policy file's directory, and each file follows its nearest
    policy: a nested policy's exclude never reaches a sibling directory."""
    _two_dirs(tmp_path)
    write(tmp_path, "live/.exitlint.yaml", 'version: 1\nexclude: ["main.tf"]\n')
    write(tmp_path, "legacy/.exitlint.yaml", 'version: 1\nexclude: ["legacy/**"]\n')
    code, report, _ = run_json(capsys, ".")
    assert code == 1
    # live/main.tf excluded by live's policy; legacy's pattern is relative to legacy/, so
    # legacy/main.tf (legacy/legacy/** would be needed) stays scanned
    assert {f["file"] for f in report["findings"]} == {"legacy/main.tf"}
    assert report["excluded"] == [{"file": "live/main.tf", "pattern": "main.tf",
                                   "source": "live/.exitlint.yaml"}]


def test_policy_given_with_flag_is_relative_to_its_own_directory(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _two_dirs(tmp_path)
    write(tmp_path, "ci/exitlint.yaml", 'version: 1\nexclude: ["../legacy/**", "live/**"]\n')
    code, report, _ = run_json(capsys, ".", "--policy", "ci/exitlint.yaml")
    # `../` leaves the policy's directory: a glob never matches outside it
    assert {f["file"] for f in report["findings"]} == {"legacy/main.tf", "live/main.tf"}
    write(tmp_path, "exitlint.yaml", 'version: 1\nexclude: ["legacy/**"]\n')
    code, report, _ = run_json(capsys, ".", "--policy", "exitlint.yaml")
    assert code == 1 and {f["file"] for f in report["findings"]} == {"live/main.tf"}


def test_excluded_kubernetes_manifest(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer=DOMESTIC_PEER), policy='version: 1\nexclude: ["k8s/**"]\n')
    write(tmp_path, "k8s/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
          "data: {a: [unclosed\n")  # unparseable: an error if it were read
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and report["errors"] == [] and report["summary"]["excluded"] == 1


def test_excluded_files_are_never_context(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A named module is evaluated through its callers, but not through an excluded one."""
    project(tmp_path, 'module "m" {\n  source = "./modules/m"\n  peer = "18.184.10.10"\n}\n',
            policy='version: 1\nexclude: ["/main.tf"]\n')
    write(tmp_path, "modules/m/main.tf", 'variable "peer" {}\n' + cgw(peer="${var.peer}"))
    write(tmp_path, ".exitlint.yaml", "version: 1\n")
    code, report, _ = run_json(capsys, "modules/m/main.tf")
    assert code == 1 and [f["root"] for f in report["findings"]] == ["."]  # through the caller
    write(tmp_path, ".exitlint.yaml", 'version: 1\nexclude: ["/main.tf"]\n')
    code, report, _ = run_json(capsys, "modules/m/main.tf")
    # without the excluded caller, the module is a root: its peer is unresolved (a warning)
    assert [f["severity"] for f in report["findings"]] == ["warning"]
    assert report["findings"][0]["root"] == "modules/m"


def test_double_star_flag_excludes_every_level(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _two_dirs(tmp_path)
    code, report, _ = run_json(capsys, ".", "--exclude", "**/*.tf")
    assert code == 0 and report["summary"]["excluded"] == 3


def test_init_documents_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init")[0] == 0
    text = (tmp_path / ".exitlint.yaml").read_text(encoding="utf-8")
    assert "# exclude:" in text and "--exclude" in text
    lines = [ln[2:] for ln in text.splitlines() if ln.startswith(("# exclude:", "#   - \""))]
    write(tmp_path, "p.yaml", "version: 1\n" + "\n".join(lines) + "\n")
    _two_dirs(tmp_path)
    write(tmp_path, "legacy/x.auto.tfvars", "")
    code, report, _ = run_json(capsys, ".", "--policy", "p.yaml")
    assert code == 1 and {e["file"] for e in report["excluded"]} == {"legacy/main.tf", "legacy/x.auto.tfvars"}
    assert ids(report) == ["XB101"]
