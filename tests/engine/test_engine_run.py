"""The engine on its own: typed on the Subject protocol, it imports no front end, and one
pipeline (engine/run.py) turns hits on in-memory subjects into findings."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _subproc import child_env
from exitlint.engine.approved_exits import ExitMatcher
from exitlint.engine.catalog import load_checks
from exitlint.engine.context import InputContext
from exitlint.engine.run import evaluate
from exitlint.geo.geography import Catalogue, load_catalogue
from exitlint.model import End, EndClass, Finding, Origin, Span
from exitlint.policy import Policy
from exitlint.suppressions import Suppression, parse_suppression

TODAY = dt.date(2026, 6, 1)


def test_engine_imports_no_front_end() -> None:
    code = (
        "import sys\n"
        "import exitlint.engine.run, exitlint.engine.ends, exitlint.engine.detectors\n"
        "import exitlint.engine.hubs, exitlint.engine.findings\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[:2] in "
        "(['exitlint', 'terraform'], ['exitlint', 'kubernetes'], ['exitlint', 'hcl']))\n"
        "print(bad)\n"
        "assert not bad, bad\n")
    done = subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]"


@dataclass
class Fake:
    """A subject held in memory: attributes by name, the other subjects of its configuration."""

    type: str
    address: str
    attrs: dict[str, Any]
    region: str = "cn-north-1"
    line: int = 1
    file: str = "main.tf"
    root: str | None = "."
    instance: str = ""
    suppressions: tuple[Suppression, ...] = ()
    world: list[Fake] = field(default_factory=list)
    platform: str = "terraform"
    column: int = 1
    end_line: int | None = None
    api_group: str | None = None
    pod: Any = None

    def has(self, name: str) -> bool:
        return name in self.attrs

    def get(self, name: str) -> Any:
        return self.attrs.get(name)

    def attr_line(self, name: str) -> int | None:
        return self.line + 1 if name in self.attrs else None

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        return self.values_in(self.attrs, path)

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return [] if value is None else [(value, self.line + 1)]

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        return [(v, line, path, path) for v, line in self.values(path)]

    def follow(self, path: str, types: tuple[str, ...]) -> Fake | None:
        wanted = self.get(path)
        return next((s for s in self.world if s.address == wanted and s.type in types), None)

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[Fake]:
        return (s for s in self.world if s.type in types and s.get(path) == self.address)

    def peers(self, types: tuple[str, ...]) -> Iterator[Fake]:
        return (s for s in self.world if s.type in types)

    def configuration(self) -> object:
        return id(self.world)

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        cls = EndClass.MAINLAND if self.region.startswith("cn-") else EndClass.NON_MAINLAND
        return End(cls, self.region, f"region {self.region}", "region", self.line)

    def origins(self, path: str) -> tuple[Origin, ...]:
        return (Origin("terraform.tfvars", 3, f"tfvars {path}"),) if path == "ip_address" else ()


@pytest.fixture(scope="module")
def ctx() -> InputContext:
    policy = Policy()
    return InputContext(str, policy, load_checks(), load_catalogue(), TODAY,
                        ExitMatcher(policy, TODAY), 1 << 20)


def _gateway(peer: str, **kw: Any) -> Fake:
    return Fake("aws_customer_gateway", "aws_customer_gateway.office",
                {"ip_address": peer}, **kw)


def test_link_check_on_a_fake_subject(ctx: InputContext) -> None:
    [f] = evaluate([_gateway("18.184.10.10", root="envs/prod")], ctx.catalog, ctx)
    assert (f.check_id, f.severity.value, f.kind, f.root) == ("XB101", "error", "terraform",
                                                              "envs/prod")
    assert f.remote is not None and f.remote.value == "18.184.10.10"
    assert f.related == (Origin("terraform.tfvars", 3, "tfvars ip_address"),)
    assert evaluate([_gateway("114.114.114.114")], ctx.catalog, ctx) == []


def test_hub_members_on_both_sides_of_the_border(ctx: InputContext) -> None:
    world: list[Fake] = []
    for name, region in (("beijing", "cn-beijing"), ("shanghai", "cn-shanghai"),
                         ("frankfurt", "eu-central-1")):
        world.append(Fake("alicloud_cen_instance_attachment",
                          f"alicloud_cen_instance_attachment.{name}",
                          {"instance_id": "cen-1", "child_instance_region_id": region},
                          world=world, line=len(world) * 10 + 1))
    found = evaluate(world, ctx.catalog, ctx)
    assert [(f.check_id, f.resource) for f in found] == [
        ("XB203", "alicloud_cen_instance_attachment.beijing"),
        ("XB203", "alicloud_cen_instance_attachment.shanghai"),
        ("XB203", "alicloud_cen_instance_attachment.frankfurt")]
    assert "frankfurt joins the same hub (cen-1)" in found[0].message
    world[2].attrs["child_instance_region_id"] = "cn-hangzhou"  # all mainland: no finding
    world2 = [Fake(s.type, s.address, s.attrs, world=[]) for s in world]
    for s in world2:
        s.world = world2
    assert evaluate(world2, ctx.catalog, ctx) == []


def test_instances_of_one_resource_are_one_finding(ctx: InputContext) -> None:
    subjects = [_gateway(peer, instance=f'aws_customer_gateway.office["{key}"]')
                for key, peer in (("a", "18.184.10.10"), ("b", "8.8.8.8"),
                                  ("c", "18.184.10.10"))]
    [f] = evaluate(subjects, ctx.catalog, ctx)
    assert f.message.startswith(f"{f.title} (3 instances: ")
    assert '["a"], ["c"]: ip_address 18.184.10.10 is registered' in f.message
    assert '; ["b"]: ip_address 8.8.8.8 is registered' in f.message


def test_merged_uncertain_instances_give_the_hint_once(ctx: InputContext) -> None:
    subjects = [_gateway(host, instance=f'x["{host}"]')
                for host in ("vpn.example.com", "vpn.example.org")]
    [f] = evaluate(subjects, ctx.catalog, ctx)
    assert f.severity.value == "warning" and "(2 instances: " in f.message
    assert f.message.count("Resolve it with") == 1 and f.message.endswith("in the policy")


def test_most_severe_instance_wins(ctx: InputContext) -> None:
    subjects = [_gateway("vpn.example.com", instance='x["a"]'),
                _gateway("18.184.10.10", instance='x["b"]')]
    [f] = evaluate(subjects, ctx.catalog, ctx)
    assert f.severity.value == "error" and f.remote is not None
    assert f.remote.value == "18.184.10.10"


def test_same_resource_from_two_roots_stays_two(ctx: InputContext) -> None:
    found = evaluate([_gateway("18.184.10.10", root="envs/prod"),
                      _gateway("18.184.10.10", root="envs/staging")], ctx.catalog, ctx)
    assert [f.root for f in found] == ["envs/prod", "envs/staging"]


def _sup(text: str, line: int = 1) -> Suppression:
    s = parse_suppression(text, line, 1)
    assert s is not None
    return s


def test_suppressions_and_their_hygiene(ctx: InputContext) -> None:
    good = _sup('# exitlint:ignore XB101 reason="leased line, ticket 7"')
    bare = _sup("# exitlint:ignore XB101", 2)
    [hidden] = evaluate([_gateway("18.184.10.10", suppressions=(good,))], ctx.catalog, ctx)
    assert hidden.suppressed and hidden.suppression_reason == "leased line, ticket 7"
    # a reasonless comment hides nothing and is reported once, however many subjects carry it
    found = evaluate([_gateway("18.184.10.10", suppressions=(bare,)),
                      _gateway("18.184.10.10", suppressions=(bare,), root="other")],
                     ctx.catalog, ctx, loose=[("main.tf", bare)])
    assert sorted((f.check_id, f.suppressed) for f in found) == [
        ("XB101", False), ("XB101", False), ("XB903", False)]


def _cut(kind: str, **kw: Any) -> Fake:
    """A block evaluation did not reach, as the Terraform front end hands it over."""
    return Fake(kind, "module.x", {"message": "module.x: not read"}, line=5, root=None, **kw)


def test_cuts_are_judged_by_their_check_data(ctx: InputContext) -> None:
    """Which check reports a cut and its severity rules come from the `limit` targets."""
    sup = _sup('# exitlint:ignore XB002 reason="vendored elsewhere"', 4)
    [f] = evaluate([_cut("terraform:module-unavailable", suppressions=(sup,))], ctx.catalog, ctx)
    assert (f.check_id, f.suppressed, f.message, f.span.line) == (
        "XB002", True, "module.x: not read", 5)
    assert f.local is None and f.remote is None and f.root is None
    [f] = evaluate([_cut("terraform:evaluation-limit")], ctx.catalog, ctx)
    assert (f.check_id, f.severity.value) == ("XB001", "warning")


def test_an_unread_module_follows_unknown_and_a_limit_does_not(ctx: InputContext) -> None:
    for unknown, xb001, xb002 in (("ignore", "warning", None), ("error", "warning", "error")):
        policy = Policy(unknown=unknown)
        strict = InputContext(str, policy, ctx.catalog, ctx.catalogue, TODAY,
                              ExitMatcher(policy, TODAY), 1 << 20)
        found = evaluate([_cut("terraform:evaluation-limit"),
                          _cut("terraform:module-unavailable")], ctx.catalog, strict)
        got = {f.check_id: f.severity.value for f in found}
        assert got.get("XB001") == xb001 and got.get("XB002") == xb002


def test_engine_sources_name_no_front_end() -> None:
    engine = Path(__file__).resolve().parents[2] / "linter" / "engine"
    for path in sorted(engine.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for front in ("terraform", "kubernetes", "hcl"):
            assert f"from ..{front}" not in text and f"exitlint.{front}" not in text, path


# -- Kubernetes targets through the engine's table, on the Subject protocol alone ----------------
def _workload(kind: str, image: str, *, region: str = "cn-shanghai",
              group: str = "apps") -> Fake:
    from exitlint.subject import ContainerView, PodView

    c = ContainerView("container proxy", 9, 11, image, False, (), {}, ())
    return Fake(kind, f"{kind}/proxy", {}, region=region, platform="kubernetes", root=None,
                api_group=group, pod=PodView((c,)), file="proxy.yaml")


def test_a_pod_template_of_any_kind_is_judged_by_the_catalogue(ctx: InputContext) -> None:
    """`pod_template_kinds` targets apply to every subject with a pod (a Rollout too); the
    finding is placed at the container the detector names."""
    for kind in ("Deployment", "Rollout"):
        [f] = evaluate([_workload(kind, "shadowsocks/shadowsocks-libev:v3")], ctx.catalog, ctx)
        assert (f.check_id, f.severity.value, f.kind) == ("XB701", "error", "kubernetes")
        assert (f.span.line, f.span.column) == (9, 11)
    # outside the mainland the proxy crosses no border of ours
    assert evaluate([_workload("Deployment", "shadowsocks/shadowsocks-libev:v3",
                               region="eu-central-1")], ctx.catalog, ctx) == []


def test_targets_of_another_api_group_do_not_apply(ctx: InputContext) -> None:
    token = {"spec": {"url": "https://18.184.10.10:8081/abc"}}
    found = evaluate([Fake("AccessToken", "AccessToken/site", token, region="cn-shanghai",
                           platform="kubernetes", root=None, api_group="skupper.io")],
                     ctx.catalog, ctx)
    assert [(f.check_id, f.remote.value) for f in found] == [("XB802", "18.184.10.10")]
    assert "AccessToken redeems a Skupper access grant" in found[0].message
    assert evaluate([Fake("AccessToken", "AccessToken/site", token, region="cn-shanghai",
                          platform="kubernetes", root=None, api_group="example.io")],
                    ctx.catalog, ctx) == []


def test_no_check_id_in_python_but_the_policy_hygiene_ones() -> None:
    """Which check reports what is data (checks/): only XB9xx (approved exits, suppressions)
    are string values in code (a docstring may show another in an example)."""
    import ast
    import re

    package = Path(__file__).resolve().parents[2] / "linter"
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                 and isinstance(n.value, str) and re.fullmatch(r"XB[0-8]\d\d", n.value)]
        assert not found, (path, found)
