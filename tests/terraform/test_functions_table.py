"""The documented function list (checks/terraform_functions.yaml) against the implementation:
every documented function is evaluated or unknown by design with a reason, and nothing is
implemented that Terraform does not document."""

from __future__ import annotations

from exitlint.terraform.expressions import EVALUATOR_FUNCTIONS
from exitlint.terraform.functions import FUNCTIONS, documented

CATEGORIES = {"numeric", "string", "collection", "encoding", "filesystem", "date-time",
              "hash-crypto", "ip-network", "type-conversion", "terraform-provider"}


def test_every_documented_function_is_implemented_or_unknown_by_design() -> None:
    table = documented()
    implemented = set(FUNCTIONS) | EVALUATOR_FUNCTIONS
    by_design = {name for name, entry in table.items() if "unknown" in entry}
    assert len(table) >= 120  # the documented list, not a stub
    assert sorted(set(table) - implemented - by_design) == []
    assert sorted(implemented - set(table)) == []
    assert sorted(by_design & implemented) == []  # an unknown-by-design one is never computed
    for name, entry in table.items():
        assert entry["category"] in CATEGORIES, name
        assert set(entry) <= {"category", "unknown"}, name
        assert not entry.get("unknown") or len(entry["unknown"]) > 10, name


def test_the_functions_issue_12_named_are_there() -> None:
    for name in ("cidrhost", "cidrnetmask", "floor", "ceil", "slice", "index", "regex",
                 "regexall", "yamldecode"):
        assert name in FUNCTIONS
    assert {"timestamp", "uuid", "bcrypt", "plantimestamp"} <= {
        n for n, e in documented().items() if "unknown" in e}
    assert "uuidv5" in FUNCTIONS  # pure: a name-based UUID
