"""Render one Helm chart in a child process (helm.py runs it with a time limit).

Reads {"chart", "values", "name", "namespace", "limit"} as JSON on standard input and writes
{"manifests": {template: text}, "dependencies": [names loaded]} or {"error": message} on
standard output. Helm's engine (helm-python-sdk) renders offline: `lookup` returns nothing and no
chart repository is contacted. Run as `python -m exitlint.kubernetes.helm_worker`.
"""

from __future__ import annotations

import json
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


def main() -> int:
    request = json.loads(sys.stdin.read())
    json.dump(render(request), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
