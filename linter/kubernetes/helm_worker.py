"""Render one Helm chart in a child process (helm.py runs it with a time limit).

Reads {"chart", "values", "name", "namespace", "limit"} as JSON on standard input and writes
{"manifests": {template: text}, "dependencies": [names loaded]} or {"error": message} on
standard output. Helm's engine (helm-python-sdk) renders offline: `lookup` returns nothing and no
chart repository is contacted. Run as `python -m exitlint.kubernetes.helm_worker`; with
`--serve`, one request per line and one answer per line, until standard input ends
(helm_pool.py keeps such a process for the next chart).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def render(request: dict[str, Any]) -> dict[str, Any]:
    try:
        from helm_python import Chart, HelmError  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - the parent checks first
        return {"error": f"helm-python-sdk is not installed ({exc})"}
    try:
        with Chart.load(request["chart"]) as chart:
            loaded = [str(d.get("name", "")) for d in chart.dependencies]
            manifests = chart.render(request.get("values") or {}, name=request["name"],
                                     namespace=request["namespace"], is_install=True)
    except HelmError as exc:
        return {"error": str(exc).strip() or type(exc).__name__}
    size = sum(len(v) for v in manifests.values())
    if size > int(request["limit"]):
        return {"error": f"rendered output is {size:,} bytes, over the {request['limit']:,}-byte "
                         "limit"}
    return {"manifests": manifests, "dependencies": loaded}


def _answer(line: str) -> dict[str, Any]:
    try:
        request = json.loads(line)
        os.chdir(request["chart"])  # as the one-shot process was started in the chart
    except (ValueError, KeyError, TypeError, OSError) as exc:
        return {"error": f"bad request ({type(exc).__name__})"}
    return render(request)


def serve() -> int:
    # The answers go to a private copy of standard output; anything the engine itself prints
    # goes to standard error, so it can never corrupt an answer line.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(_answer(line)) + "\n")
            out.flush()
    return 0


def main() -> int:
    if sys.argv[1:] == ["--serve"]:
        return serve()
    request = json.loads(sys.stdin.read())
    json.dump(render(request), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
