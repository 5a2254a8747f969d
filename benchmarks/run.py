"""exitlint benchmark: one command, side by side in one run, medians of alternating runs.

    python benchmarks/run.py                 # everything that is installed (see --help)
    python benchmarks/run.py --runs 5        # more alternating rounds
    python benchmarks/run.py --quick         # 1 round, no Checkov, no whole-corpus rows

Baselines are measured live, never quoted: python-hcl2 parse-only (`--hcl2-python`, a Python with
`python-hcl2` installed), Checkov (`--checkov`, default: on PATH) and the tree-sitter parse-only
floor on the same files. Each round runs the contenders one after the other (A B A B ...), and a
ratio is the median of the per-round ratios, so a machine that slows down for a while slows both
sides of a pair. Every number is the wall time and peak RSS of one child process (`os.wait4`).
Targets (issue 16): >= 10x python-hcl2, >= 100x Checkov summed over terraform-aws-vpc,
terraform-aws-eks and the Alibaba provider examples, <= 0.3 s for one file as pre-commit passes
it, >= 10x Checkov on the Kubernetes YAML.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"

# The subset issue 16 measured on: terraform-aws-modules plus the Alibaba provider examples.
SUBSET_PREFIXES = ("terraform-aws-modules__", "aliyun__terraform-provider-alicloud")
CHECKOV_REPOS = ("terraform-aws-modules__terraform-aws-vpc",
                 "terraform-aws-modules__terraform-aws-eks",
                 "aliyun__terraform-provider-alicloud")
ONE_FILE = REPO / "examples" / "aws" / "XB101-vpn-peer" / "noncompliant" / "main.tf"

# Parse-only loops: same file list (sorted), each file read and parsed, failures counted.
HCL2_PARSE_ONLY = """
import sys, hcl2
bad = 0
for name in open(sys.argv[1], encoding="utf-8").read().splitlines():
    try:
        with open(name, encoding="utf-8", errors="replace") as fh:
            hcl2.loads(fh.read())
    except Exception:
        bad += 1
print(bad)
"""
TREE_SITTER_PARSE_ONLY = """
import sys, tree_sitter, tree_sitter_hcl
parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))
bad = 0
for name in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(name, "rb") as fh:
        bad += parser.parse(fh.read()).root_node.has_error
print(bad)
"""
VERSION = """
import sys
from importlib import metadata
out = []
for name in sys.argv[1:]:
    try:
        out.append(f"{name} {metadata.version(name)}")
    except metadata.PackageNotFoundError:
        pass
print(", ".join(out))
"""


@dataclass
class Sample:
    wall: float
    rss_mb: float
    code: int


@dataclass
class Series:
    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def rss(self) -> float:
        return max(s.rss_mb for s in self.samples)

    @property
    def spread(self) -> str:
        walls = [s.wall for s in self.samples]
        return f"{min(walls):.2f}-{max(walls):.2f}"


# Children may write bytecode, as an installed copy has it (pip compiles at install): a shell
# with PYTHONDONTWRITEBYTECODE would otherwise charge every run for compiling every module.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], cwd: Path | None = None) -> Sample:
    """Wall seconds, peak RSS and exit code of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=CHILD_ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return Sample(time.perf_counter() - start, usage.ru_maxrss / 1024,
                  os.waitstatus_to_exitcode(status))


def alternate(commands: dict[str, list[str]], runs: int,
              before: Callable[[str], None] | None = None) -> dict[str, Series]:
    """Run the commands round-robin `runs` times (after one untimed warm-up round, so the page
    cache is the same for everyone). `before(label)` runs untimed before each timed run."""
    for cmd in commands.values():
        measure(cmd)
    series = {label: Series(label) for label in commands}
    for _ in range(runs):
        for label, cmd in commands.items():
            if before is not None:
                before(label)
            series[label].samples.append(measure(cmd))
    return series


def ratio(slow: Series, fast: Series) -> float:
    """Median of the per-round ratios slow/fast."""
    return statistics.median(s.wall / f.wall
                             for s, f in zip(slow.samples, fast.samples, strict=True))


def row(name: str, s: Series | Sample, note: str = "") -> None:
    if isinstance(s, Series):
        print(f"  {name:<50} {s.median:8.2f} s ({s.spread}) {s.rss:6.0f} MB  {note}")
    else:
        print(f"  {name:<50} {s.wall:8.2f} s {'':13} {s.rss_mb:6.0f} MB  {note}")


def exitlint(path: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "exitlint", str(path), "--format", "json", "--fail-on", "never",
            *extra]


def link_tree(sources: Iterable[Path], base: Path, dst: Path,
              keep: Callable[[str], bool]) -> tuple[int, int]:
    """Hard-linked copy of the files `keep` accepts; (files, bytes) copied."""
    files = size = 0
    for src in sources:
        for p in sorted(src.rglob("*")):
            if not (p.is_file() and keep(p.name)):
                continue
            target = dst / p.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(p, target)
            except OSError:
                shutil.copyfile(p, target)
            files += 1
            size += p.stat().st_size
    return files, size


def is_terraform(name: str) -> bool:
    return name.endswith((".tf", ".tofu", ".tfvars", ".tf.json", ".tfvars.json"))


def is_not_terraform(name: str) -> bool:
    """The Kubernetes part: manifests, and what charts and overlays render from (templates,
    helpers, generator files)."""
    return not name.endswith((".tf", ".tofu", ".tfvars", ".tf.json", ".tofu.json", ".hcl"))


def tf_list(tree: Path, out: Path) -> tuple[int, int]:
    """The `.tf` files of a tree, one per line (what the parse-only loops read)."""
    names = sorted(str(p) for p in tree.rglob("*.tf") if p.is_file())
    out.write_text("\n".join(names) + "\n", encoding="utf-8")
    return len(names), sum(Path(n).stat().st_size for n in names)


def installed_from() -> str:
    """Where the measured exitlint is imported from, and whether it has the check data the
    wheel ships pre-parsed (a source checkout or editable install parses the YAML each run)."""
    probe = ("import exitlint, exitlint.resources as r, exitlint.data_bundle as b\n"
             "print(exitlint.__file__, (r.data_root() / b.FILE_NAME).is_file())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=False).stdout.split()
    if len(out) != 2:
        return "unknown"
    bundled = "pre-parsed check data: yes" if out[1] == "True" else (
        "pre-parsed check data: NO (not installed from a wheel: start-up is slower than users see)")
    return f"{out[0]} ({bundled})"


def versions(python: str, *packages: str) -> str:
    try:
        return subprocess.run([python, "-c", VERSION, *packages], capture_output=True,
                              text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def find_hcl2_python(given: str | None) -> str | None:
    for candidate in ([given] if given else []) + [sys.executable]:
        ok = subprocess.run([candidate, "-c", "import hcl2"], capture_output=True).returncode == 0
        if ok:
            return candidate
    return None


def checkov_python(checkov: str) -> str:
    """The interpreter of a checkov console script (for its version line)."""
    try:
        first = Path(checkov).read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return sys.executable
    return first[2:].strip() if first.startswith("#!") else sys.executable


# -- sections ------------------------------------------------------------------------------------
def section_parse(work: Path, corpus: Path, runs: int, hcl2_py: str | None,
                  results: dict[str, float]) -> None:
    tree = work / "subset"
    sources = [d for d in sorted(corpus.iterdir()) if d.name.startswith(SUBSET_PREFIXES)]
    link_tree(sources, corpus, tree, is_terraform)
    listing = work / "subset-tf.txt"
    n, size = tf_list(tree, listing)
    print(f"\nSubset: terraform-aws-modules + Alibaba provider examples: {n:,} .tf files, "
          f"{size / 1e6:.1f} MB ({runs} alternating rounds, median)")
    commands = {"exitlint": exitlint(tree, "--no-cache"),
                "tree-sitter": [sys.executable, "-c", TREE_SITTER_PARSE_ONLY, str(listing)]}
    if hcl2_py:
        commands["python-hcl2"] = [hcl2_py, "-c", HCL2_PARSE_ONLY, str(listing)]
    s = alternate(commands, runs)
    row("exitlint cold (--no-cache, all cores)", s["exitlint"])
    row("tree-sitter-hcl parse-only floor (one process)", s["tree-sitter"],
        f"exitlint / floor = {1 / ratio(s['tree-sitter'], s['exitlint']):.2f}")
    results["subset_exitlint_s"] = s["exitlint"].median
    results["subset_floor_s"] = s["tree-sitter"].median
    if "python-hcl2" in s:
        r = ratio(s["python-hcl2"], s["exitlint"])
        row("python-hcl2 parse-only (same .tf files)", s["python-hcl2"],
            f"exitlint {r:.1f}x faster (target >= 10x)")
        results["subset_hcl2_s"] = s["python-hcl2"].median
        results["subset_hcl2_ratio"] = r
    else:
        print("  python-hcl2 not found: pass --hcl2-python (a venv with `pip install python-hcl2`)")
    cache = work / "cache-subset"
    measure(exitlint(tree, "--cache-dir", str(cache)))
    warm = alternate({"warm": exitlint(tree, "--cache-dir", str(cache))}, runs)["warm"]
    row("exitlint warm re-run (result cache filled)", warm)
    results["subset_warm_s"] = warm.median


def section_one_file(work: Path, runs: int, results: dict[str, float]) -> None:
    """The staged file has just been edited (so the result cache cannot answer for its module),
    in a git work tree holding all of examples/ (so the hook's widening walks a real tree)."""
    print("\nOne file as the pre-commit hook passes it")
    tree = work / "one-file"
    shutil.copytree(REPO / "examples", tree / "examples")
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    staged = tree / ONE_FILE.relative_to(REPO)
    original = staged.read_bytes()
    edits = iter(range(1_000_000))

    def edit(label: str) -> None:
        if label == "edited":
            staged.write_bytes(original + f"# edit {next(edits)}\n".encode())

    cmd = [sys.executable, "-m", "exitlint", "--pre-commit", "--quiet",
           "--cache-dir", str(work / "one-file-cache"), str(staged)]
    # 15 runs at least: a quarter-second process on a shared VM moves by a quarter from one
    # minute to the next, and 5 runs left the median at the mercy of one slow spell
    series = alternate({"edited": cmd, "unchanged": cmd}, max(runs, 15), edit)
    name = str(ONE_FILE.relative_to(REPO))
    row(f"{name}, just edited", series["edited"], "target <= 0.3 s")
    row("the same, unchanged since the last run", series["unchanged"])
    results["one_file_s"] = series["edited"].median


def section_checkov(work: Path, corpus: Path, runs: int, checkov: str,
                    results: dict[str, float]) -> None:
    print(f"\nSide by side with Checkov (one process per repository, {runs} alternating rounds)")
    total_c = total_e = 0.0
    for name in CHECKOV_REPOS:
        src = corpus / name
        if not src.is_dir():
            print(f"  {name}: not in the corpus, skipped")
            continue
        tree = work / "checkov" / name
        link_tree([src], corpus, work / "checkov", is_terraform)
        s = alternate({"checkov": [checkov, "-d", str(tree), "--framework", "terraform",
                                   "--skip-download", "--quiet", "--compact"],
                       "exitlint": exitlint(tree, "--no-cache")}, runs)
        short = name.split("__")[1]
        r = ratio(s["checkov"], s["exitlint"])
        row(f"{short}: checkov", s["checkov"])
        row(f"{short}: exitlint", s["exitlint"], f"{r:.0f}x")
        total_c += s["checkov"].median
        total_e += s["exitlint"].median
    if total_e:
        print(f"  summed: exitlint {total_c / total_e:.0f}x faster than Checkov (target >= 100x)")
        results["checkov_tf_ratio"] = total_c / total_e


def section_kubernetes(work: Path, corpus: Path, runs: int, checkov: str | None,
                       results: dict[str, float]) -> None:
    tree = work / "k8s"
    n, size = link_tree(sorted(d for d in corpus.iterdir() if d.is_dir()), corpus, tree,
                        is_not_terraform)
    print(f"\nKubernetes part of the corpus: {n:,} files (manifests, charts, overlays), "
          f"{size / 1e6:.1f} MB")
    # `checkov --framework kubernetes` reads plain manifests only; exitlint also renders charts
    # and overlays. Both are shown: like for like (renderers off), and everything.
    plain = ["env", "EXITLINT_HELM=off", "EXITLINT_KUSTOMIZE=off", *exitlint(tree, "--no-cache")]
    commands = {"exitlint": exitlint(tree, "--no-cache"), "plain": plain}
    if checkov:
        commands["checkov"] = [checkov, "-d", str(tree), "--framework", "kubernetes",
                               "--skip-download", "--quiet", "--compact"]
    s = alternate(commands, runs)
    row("exitlint (--no-cache), charts and overlays rendered", s["exitlint"])
    row("exitlint (--no-cache), renderers off: manifests only", s["plain"])
    results["k8s_exitlint_s"] = s["exitlint"].median
    results["k8s_plain_s"] = s["plain"].median
    cache = work / "cache-k8s"
    measure(exitlint(tree, "--cache-dir", str(cache)))
    warm = alternate({"warm": exitlint(tree, "--cache-dir", str(cache))}, runs)["warm"]
    row("exitlint warm re-run (renders and results cached)", warm)
    results["k8s_warm_s"] = warm.median
    if "checkov" in s:
        r = ratio(s["checkov"], s["plain"])
        full = ratio(s["checkov"], s["exitlint"])
        row("checkov --framework kubernetes (manifests only)", s["checkov"],
            f"exitlint {r:.0f}x like for like (target >= 10x); {full:.1f}x rendering too")
        results["k8s_checkov_ratio"] = r
        results["k8s_checkov_ratio_rendering"] = full


def section_corpus(work: Path, corpus: Path, runs: int, results: dict[str, float]) -> None:
    tree = work / "tf-all"
    n, size = link_tree(sorted(d for d in corpus.iterdir() if d.is_dir()), corpus, tree,
                        is_terraform)
    print(f"\nWhole Terraform corpus: {n:,} files, {size / 1e6:.1f} MB")
    cache = work / "cache-all"
    s = alternate({"cold": exitlint(tree, "--no-cache"),
                   "serial": exitlint(tree, "--no-cache", "--jobs", "1")}, runs)
    row("exitlint cold (--no-cache, all cores)", s["cold"])
    row("exitlint cold, --jobs 1", s["serial"])
    measure(exitlint(tree, "--cache-dir", str(cache)))
    warm = alternate({"warm": exitlint(tree, "--cache-dir", str(cache))}, runs)["warm"]
    row("exitlint warm re-run", warm, "target <= 2 s")
    results.update(corpus_cold_s=s["cold"].median, corpus_serial_s=s["serial"].median,
                   corpus_warm_s=warm.median, corpus_rss_mb=max(s["cold"].rss, s["serial"].rss))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="alternating rounds (default 3)")
    ap.add_argument("--quick", action="store_true",
                    help="one round; no Checkov, no whole-corpus or Kubernetes rows")
    ap.add_argument("--checkov", help="a checkov executable (default: on PATH)")
    ap.add_argument("--no-checkov", action="store_true", help="skip the Checkov rows")
    ap.add_argument("--hcl2-python", help="a Python with python-hcl2 installed "
                    "(default: this one, if it has it)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--only", default="", help="comma-separated sections to run: one-file, "
                    "subset, checkov, kubernetes, corpus (default: all)")
    args = ap.parse_args()
    runs = 1 if args.quick else max(1, args.runs)
    if not args.corpus.is_dir():
        print(f"{args.corpus} not found: nothing to measure", file=sys.stderr)
        return 2
    hcl2_py = find_hcl2_python(args.hcl2_python)
    checkov = None if args.quick or args.no_checkov else (args.checkov or shutil.which("checkov"))

    print("exitlint benchmark: wall seconds, median (min-max) of alternating runs, peak RSS")
    print(f"  machine: {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}")
    print("  exitlint side: "
          f"{versions(sys.executable, 'exitlint', 'tree-sitter', 'tree-sitter-hcl', 'PyYAML')}")
    print(f"  exitlint measured: {installed_from()}")
    if hcl2_py:
        print(f"  python-hcl2 side: {versions(hcl2_py, 'python-hcl2', 'lark')}")
    if checkov:
        print(f"  checkov side: {versions(checkov_python(checkov), 'checkov', 'bc-python-hcl2')}")

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="exitlint-bench-") as tmp:
        work = Path(tmp)
        only = {x.strip() for x in args.only.split(",") if x.strip()}

        def wanted(name: str) -> bool:
            return not only or name in only

        if wanted("one-file"):
            section_one_file(work, runs, results)
        if wanted("subset"):
            section_parse(work, args.corpus, runs, hcl2_py, results)
        if checkov and wanted("checkov"):
            section_checkov(work, args.corpus, runs, checkov, results)
        elif not args.quick and not checkov:
            print("\nCheckov not found: side-by-side rows skipped (pip install checkov, or "
                  "--checkov PATH)")
        if not args.quick and wanted("kubernetes"):
            section_kubernetes(work, args.corpus, runs, checkov, results)
        if not args.quick and wanted("corpus"):
            section_corpus(work, args.corpus, runs, results)
    print("\n" + json.dumps({k: round(v, 3) for k, v in sorted(results.items())}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
