"""exitlint benchmark: one command, prints times, peak memory and ratios against the baselines
named in issue 6. Run from the repository root with exitlint installed:

    python benchmarks/run.py            # synthetic repo + ../shared/corpus when present
    python benchmarks/run.py --quick    # smaller synthetic repo, no scaling table

Checkov and python-hcl2 are measured when installed (`pip install checkov python-hcl2`, or
--checkov PATH). Machines are noisy: compare ratios, not absolute seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
# Checkov 3.3.30 measured on this machine class (research/perf-baseline.md, issue 6)
CHECKOV_TF_CORPUS_S = 2030.0
CHECKOV_K8S_CORPUS_S = 42.7
CHECKOV_ONE_FILE_S = 3.7
CHECKOV_PER_REPO_S = {"terraform-aws-modules__terraform-aws-vpc": 35.0,
                      "terraform-aws-modules__terraform-aws-security-group": 152.0}
HCL2_PARSE_ONLY = """
import sys, pathlib, hcl2
bad = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.tf")):
    try:
        hcl2.loads(p.read_text(encoding="utf-8", errors="replace"))
    except Exception:
        bad += 1
print(bad)
"""


def measure(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def exitlint(path: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "exitlint", str(path), "--format", "json", "--fail-on", "never",
            *extra]


def row(name: str, seconds: float, rss: float, note: str = "") -> None:
    print(f"  {name:<46} {seconds:8.2f} s {rss:8.0f} MB  {note}")


def terraform_part(src: Path, dst: Path, copies: int = 1) -> Path:
    """Hard-linked copy of the Terraform files of `src`, `copies` times (for scaling runs)."""
    for c in range(copies):
        for p in src.rglob("*"):
            if p.is_file() and p.name.endswith((".tf", ".tfvars", ".tf.json")):
                target = dst / f"copy{c}" / p.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(p, target)
                except OSError:
                    shutil.copyfile(p, target)
    return dst


def kubernetes_part(src: Path, dst: Path) -> Path:
    """Hard-linked copy of everything but Terraform: manifests, and what charts and overlays
    render from (helpers, generator files)."""
    for p in src.rglob("*"):
        if p.is_file() and ".git" not in p.parts and \
                not p.name.endswith((".tf", ".tofu", ".tfvars", ".tf.json", ".tofu.json", ".hcl")):
            target = dst / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(p, target)
            except OSError:
                shutil.copyfile(p, target)
    return dst


def bench_tree(label: str, tree: Path, work: Path, results: dict[str, float]) -> None:
    print(f"\n{label}: {tree}")
    cache = work / f"cache-{label}"
    cold, rss, _ = measure(exitlint(tree, "--no-cache"))
    row("exitlint cold (--no-cache, all cores)", cold, rss)
    serial, srss, _ = measure(exitlint(tree, "--no-cache", "--jobs", "1"))
    row("exitlint cold, --jobs 1", serial, srss)
    measure(exitlint(tree, "--cache-dir", str(cache)))
    warm, wrss, _ = measure(exitlint(tree, "--cache-dir", str(cache)))
    row("exitlint warm (cache filled)", warm, wrss, "target <= 2 s" if label == "corpus" else "")
    results[f"{label}_cold"] = cold
    results[f"{label}_rss"] = max(rss, srss)
    results[f"{label}_warm"] = warm
    try:
        import hcl2  # noqa: F401
    except ImportError:
        print("  python-hcl2 not installed: parse-only baseline skipped")
        return
    t, r, _ = measure([sys.executable, "-c", HCL2_PARSE_ONLY, str(tree)])
    row("python-hcl2 parse-only (same .tf files)", t, r,
        f"exitlint is {t / cold:.1f}x faster (target >= 10x)")
    results[f"{label}_hcl2"] = t


def checkov_binary(given: str | None) -> str | None:
    return given or shutil.which("checkov")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=int, default=300, help="synthetic root modules (default 300)")
    ap.add_argument("--quick", action="store_true", help="small synthetic repo, no scaling")
    ap.add_argument("--checkov", help="path to a checkov executable (default: on PATH)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from synth import generate

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="exitlint-bench-") as tmp:
        work = Path(tmp)
        print("exitlint benchmark (wall seconds, peak RSS of the process)")
        start, srss, _ = measure([sys.executable, "-c", "pass"])
        row("python -c pass", start, srss)
        one = REPO / "examples" / "aws" / "XB101-vpn-peer" / "noncompliant" / "main.tf"
        runs = [measure([sys.executable, "-m", "exitlint", str(one), "--fail-on", "never"])
                for _ in range(5)]
        t1 = statistics.median(r[0] for r in runs)
        row("one file as pre-commit passes it (median of 5)", t1, max(r[1] for r in runs),
            f"target <= 0.3 s; Checkov {CHECKOV_ONE_FILE_S} s -> {CHECKOV_ONE_FILE_S / t1:.0f}x")
        synth = generate(work / "synthetic", 40 if args.quick else args.size)
        bench_tree("synthetic", synth, work, results)
        if args.corpus.is_dir():
            tf = terraform_part(args.corpus, work / "tf1")
            bench_tree("corpus", tf, work, results)
            cold = results["corpus_cold"]
            print(f"  vs Checkov on the whole Terraform corpus ({CHECKOV_TF_CORPUS_S:.0f} s): "
                  f"{CHECKOV_TF_CORPUS_S / cold:.0f}x faster (target >= 100x)")
            k8s = kubernetes_part(args.corpus, work / "k8s")
            kt, kr, _ = measure(exitlint(k8s, "--no-cache"))
            row("exitlint on the corpus YAML/JSON (Kubernetes)", kt, kr,
                f"Checkov {CHECKOV_K8S_CORPUS_S} s -> {CHECKOV_K8S_CORPUS_S / kt:.1f}x "
                "(target >= 10x)")
            kcache = work / "cache-k8s"
            measure(exitlint(k8s, "--cache-dir", str(kcache)))
            kw, kwr, _ = measure(exitlint(k8s, "--cache-dir", str(kcache)))
            row("  the same, warm (charts and overlays not rendered again)", kw, kwr,
                "target <= 2 s")
            checkov = checkov_binary(args.checkov)
            if checkov:
                print("\nside by side with Checkov (one process per repository)")
                total_c = total_e = 0.0
                # the repositories issue 6 names: terraform-aws-vpc, terraform-aws-eks, and a
                # provider example tree
                for name in ("terraform-aws-modules__terraform-aws-vpc",
                             "terraform-aws-modules__terraform-aws-eks",
                             "aliyun__terraform-provider-alicloud"):
                    d = args.corpus / name
                    if not d.is_dir():
                        continue
                    c, cr, _ = measure([checkov, "-d", str(d), "--framework", "terraform",
                                        "--check", "CKV_AWS_130", "--skip-download", "--quiet"])
                    e, er, _ = measure(exitlint(d, "--no-cache"))
                    total_c, total_e = total_c + c, total_e + e
                    row(f"{name.split('__')[1]}: checkov", c, cr)
                    row(f"{name.split('__')[1]}: exitlint", e, er, f"{c / e:.0f}x")
                if total_e:
                    print(f"  subset total: exitlint {total_c / total_e:.0f}x faster than Checkov")
            else:
                print("\nCheckov not installed: side-by-side run skipped (pip install checkov)")
            if not args.quick:
                print("\nscaling: Terraform corpus copied x1, x2, x4 (cold, --no-cache)")
                base_t = base_r = 0.0
                for n in (1, 2, 4):
                    tree = terraform_part(args.corpus, work / f"scale{n}", n)
                    t, r, _ = measure(exitlint(tree, "--no-cache"))
                    if n == 1:
                        base_t, base_r = t, r
                    row(f"x{n}", t, r, f"time x{t / base_t:.2f}, memory x{r / base_r:.2f}")
                    shutil.rmtree(tree, ignore_errors=True)
        else:
            print(f"\n{args.corpus} not found: corpus runs skipped")
    print("\n" + json.dumps({k: round(v, 2) for k, v in sorted(results.items())}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
