"""Print action.yml's composite steps as a reusable workflow, so actionlint (which lints
workflows) checks them: expressions and contexts (`inputs.*`, `steps.*.outputs`, `github.*`),
step ids, and the inputs given to the actions it uses. Usage: python .ci/action_as_workflow.py
action.yml > workflow.yml"""

from __future__ import annotations

import sys

import yaml


def convert(action: dict) -> dict:  # type: ignore[type-arg]
    inputs = {name: {"type": "string", "required": False, "default": str(spec.get("default", "")),
                     "description": spec.get("description", "")}
              for name, spec in (action.get("inputs") or {}).items()}
    return {
        "name": f"action {action['name']}",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read", "security-events": "write"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        action = yaml.safe_load(fh)
    if action.get("runs", {}).get("using") != "composite":
        sys.exit("not a composite action")
    yaml.safe_dump(convert(action), sys.stdout, sort_keys=False, width=1000)
