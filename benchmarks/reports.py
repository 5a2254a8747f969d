"""Size and time of the HTML and Markdown reports against a JSON run (issue 15).

    python benchmarks/reports.py                      # ../shared/corpus
    python benchmarks/reports.py --path DIR --runs 5

Each format is timed on a warm result cache (filled by a first JSON run), so the numbers compare
the reporters, not the scan; the median of --runs runs. Targets: the HTML page under MAX_HTML_MB,
each format within 10% of the JSON run's time, the Markdown within GitHub's 1 MiB job-summary
limit. Exits 1 when a target is missed. Machines are noisy: rerun before believing a miss.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAX_HTML_MB = 5.0
MAX_MARKDOWN_BYTES = 1024 * 1024
MAX_SLOWDOWN = 1.10


def timed(cmd: list[str], out: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    with out.open("wb") as fh:
        subprocess.run(cmd, stdout=fh, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1")
    args = parser.parse_args()
    if not args.path.is_dir():
        print(f"no such directory: {args.path}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        base = [sys.executable, "-m", "exitlint", str(args.path), "--fail-on", "never",
                "--jobs", args.jobs]
        timed([*base, "--format", "json"], Path(tmp) / "warmup.json", env)  # fills the cache
        results: dict[str, tuple[float, int]] = {}
        for fmt in ("json", "html", "markdown", "register-csv"):
            out = Path(tmp) / f"report.{fmt}"
            times = [timed([*base, "--format", fmt], out, env) for _ in range(args.runs)]
            results[fmt] = (statistics.median(times), out.stat().st_size)
    json_s = results["json"][0]
    failed = False
    print(f"{'format':<14}{'median s':>10}{'vs json':>9}{'bytes':>12}")
    for fmt, (secs, size) in results.items():
        ratio = secs / json_s if json_s else 0.0
        print(f"{fmt:<14}{secs:>10.2f}{ratio:>9.2f}{size:>12,}")
        failed |= fmt != "json" and ratio > MAX_SLOWDOWN
    html_mb = results["html"][1] / 1e6
    failed |= html_mb > MAX_HTML_MB or results["markdown"][1] > MAX_MARKDOWN_BYTES
    print(f"targets: html < {MAX_HTML_MB} MB ({html_mb:.2f}), markdown <= 1 MiB, each format "
          f"within {MAX_SLOWDOWN - 1:.0%} of json: {'MISSED' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
