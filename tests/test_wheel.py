"""The wheel ships what an installed exitlint shows: `exitlint explain` and SARIF rule help carry
each check's examples (issue 12 item 14), read from the installed package, never the source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("hatchling")  # the build backend (pyproject [build-system])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The wheel built from this checkout, unpacked as pip installs it (purelib)."""
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(out), str(ROOT)], capture_output=True, text=True,
                           timeout=600, check=False)
    if build.returncode != 0:
        pytest.skip(f"cannot build the wheel here: {build.stderr[-500:]}")
    wheel = next(out.glob("exitlint-*.whl"))
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    return site, names


def _run(site: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)  # the unpacked wheel only: no source tree on the path
    return subprocess.run([sys.executable, "-m", "exitlint", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def _example_dirs() -> dict[str, list[str]]:
    import yaml

    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "checks").glob("*/XB*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[raw["id"]] = sorted((raw.get("examples") or {}).values())
    return out


def test_wheel_holds_every_example_a_check_page_shows(
        installed: tuple[Path, list[str]]) -> None:
    _, names = installed
    for check_id, dirs in _example_dirs().items():
        for rel in dirs:
            files = [n for n in names if n.startswith(f"exitlint/_data/{rel}/")]
            assert files, (check_id, rel)


def test_installed_explain_shows_the_examples(installed: tuple[Path, list[str]],
                                              tmp_path: Path) -> None:
    site, _ = installed
    assert (site / "exitlint" / "_data" / "examples").is_dir()
    res = _run(site, tmp_path, "explain", "XB101")
    assert res.returncode == 0, res.stderr
    page = res.stdout
    assert "## Non-compliant example" in page and "## Compliant example" in page
    assert "```hcl" in page and "aws_customer_gateway" in page
    assert "in the exitlint repository" not in page
    res = _run(site, tmp_path, "explain", "XB701")
    assert res.returncode == 0 and "```yaml" in res.stdout, res.stderr
    # a policy check's example includes its (hidden) policy file, packaged with the examples
    res = _run(site, tmp_path, "explain", "XB906")
    assert res.returncode == 0, res.stderr
    assert "XB906-iplc-expiring/noncompliant/.exitlint.yaml`:" in res.stdout
    assert "expires: 2027-02-10" in res.stdout


def test_installed_sarif_rule_help_shows_the_examples(installed: tuple[Path, list[str]],
                                                      tmp_path: Path) -> None:
    site, _ = installed
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text('provider "aws" {\n  region = "cn-north-1"\n}\n'
                                      'resource "aws_customer_gateway" "o" {\n'
                                      '  bgp_asn = 65010\n  ip_address = "18.184.10.10"\n'
                                      '  type = "ipsec.1"\n}\n', encoding="utf-8")
    res = _run(site, tmp_path, ".", "--format", "sarif", "--no-cache")
    assert res.returncode == 1, res.stderr
    rules = {r["id"]: r for r in json.loads(res.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    help_md = rules["XB101"]["help"]["markdown"]
    assert "## Non-compliant example" in help_md and "aws_customer_gateway" in help_md
    assert "in the exitlint repository" not in help_md


def test_the_wheel_ships_the_check_data_pre_parsed(installed: tuple[Path, list[str]],
                                                   tmp_path: Path) -> None:
    """Every YAML file under checks/ is in the bundle, so a Terraform scan of the installed
    package never loads PyYAML (issue 16: the catalogue cost a quarter of a small repository's
    cold run), and the findings are those the YAML gives."""
    site, names = installed
    assert "exitlint/_data/parsed-data.json" in names
    bundle = json.loads((site / "exitlint" / "_data" / "parsed-data.json").read_text("utf-8"))
    assert len(bundle["entries"]) == len({p.read_bytes()
                                          for p in (ROOT / "checks").rglob("*.yaml")})
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text('provider "aws" {\n  region = "cn-north-1"\n}\n'
                                      'resource "aws_customer_gateway" "o" {\n'
                                      '  bgp_asn = 65010\n  ip_address = "18.184.10.10"\n'
                                      '  type = "ipsec.1"\n}\n', encoding="utf-8")
    probe = ("import runpy, sys\nsys.argv = ['exitlint', '.', '--no-cache', '--format', 'json']\n"
             "try:\n    runpy.run_module('exitlint', run_name='__main__')\n"
             "except SystemExit as e:\n    code = e.code\n"
             "print('\\nYAML-LOADED' if 'yaml' in sys.modules else '\\nNO-YAML', code)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    res = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    report, verdict = res.stdout.rstrip("\n").rsplit("\n", 1)
    assert verdict == "NO-YAML 1", (verdict, res.stderr)
    assert [f["check_id"] for f in json.loads(report)["findings"]] == ["XB101"]
