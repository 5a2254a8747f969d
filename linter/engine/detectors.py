"""The small named set of evaluators a check target can use.

link          two ends from the target's specs, decided per SPEC §2
security_rule rules that open tunnel protocols (IKE, ESP, GRE, WireGuard ...) to a peer
flag          a setting that is itself the signal (forwarding enabled), on a mainland resource
group         members of a hub (transit router, CEN, backbone) on both sides of the border
limit         a part of the configuration evaluation did not reach (the subject is the cut)

and those of workloads.py: software (Kubernetes workloads and Terraform boot scripts alike),
setting, exposed_port, edge_object. `link` with `{endpoint: PATH}` remote specs reads endpoints
named at a path of a Kubernetes object.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..geo.address import classify_address
from ..model import End, EndClass, ResourceRef, Unknown
from ..subject import Subject
from .catalog import Check, CheckCatalog, Target
from .decide import Verdict, decide, rank
from .ends import Evaluation, resolve
from .hit import Hit

__all__ = ["EVALUATORS", "Hit", "evaluate", "evaluate_subject"]


def _norm(value: Any) -> Any:
    """Compared as text: `true` in YAML, "true" in an annotation and `"True "` are one value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value.strip().lower() if isinstance(value, str) else value


def _condition(cond: dict[str, Any], subject: Subject) -> bool | str:
    """True or False, or the reason the condition cannot be decided statically."""
    found = subject.values(cond["attribute"])
    if cond.get("present") is True and not found:
        return False
    if cond.get("present") is False and found:
        return False
    values = [v for v, _ in found] if found else [cond.get("default")]
    unknown = [v for v in values if isinstance(v, (Unknown, ResourceRef))]
    known = [_norm(v) for v in values if not isinstance(v, (Unknown, ResourceRef))]
    wanted: list[Any] | None = None
    if "equals" in cond:
        wanted = [_norm(cond["equals"])]
    elif "in" in cond:
        wanted = [_norm(w) for w in cond["in"]]
    if wanted is not None:
        if any(v in wanted for v in known):  # any element of a list attribute may match
            return True
    elif "matches" in cond:  # a regular expression one of the values must match
        if any(re.search(cond["matches"], str(v)) for v in known if v is not None):
            return True
    elif "not_in" in cond:
        banned = [_norm(w) for w in cond["not_in"]]
        if known and all(v not in banned for v in known) and not unknown:
            return True
        if any(v in banned for v in known):
            return False
    else:
        return True
    if unknown:
        u = unknown[0]
        reason = u.reason if isinstance(u, Unknown) else f"{u} is only known after apply"
        return f"{cond['attribute']} is unknown ({reason})"
    return False


def _conditions(target: Target, subject: Subject) -> bool | str:
    """Whether the target applies: True, False, or the reason that is unknown."""
    pending = ""
    for cond in target.when:
        outcome = _condition(cond, subject)
        if outcome is False:
            return False
        if isinstance(outcome, str) and not pending:
            pending = outcome
    return pending or True


def _worst(pairs: Iterator[tuple[End, End, int | None, str]]) -> Hit | None:
    best: Hit | None = None
    links: dict[tuple[End, End], None] = {}
    for local, remote, line, detail in pairs:
        verdict = decide(local, remote)
        if verdict is None:
            continue
        links[(local, remote)] = None
        if best is None or rank(verdict) > rank(best.verdict):
            best = Hit(verdict, local, remote, line, detail)
    return replace(best, links=tuple(links)) if best is not None else None


def link(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> Hit | None:
    if any("endpoint" in spec for spec in target.remote):
        from .workloads import endpoint_link  # Kubernetes objects only: see _workload
        return endpoint_link(target, subject, ctx)
    locals_ = resolve(target.local, subject, ctx)
    remotes = resolve(target.remote, subject, ctx)
    return _worst((lo, re_, re_.line, "") for lo in locals_ for re_ in remotes)


def flag(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> Hit | None:
    for local in resolve(target.local, subject, ctx):
        if local.cls in (EndClass.MAINLAND, EndClass.UNKNOWN):
            remote = End(EndClass.UNKNOWN, "forwarded traffic",
                         "the instance forwards traffic for other hosts (router, NAT or VPN)")
            line = next((subject.attr_line(c["attribute"]) for c in target.when
                         if subject.attr_line(c["attribute"])), None)
            return Hit(Verdict.UNCERTAIN, local, remote, line)
    return None


# -- security rules --------------------------------------------------------------
_PROTOCOLS = {"tcp": 6, "6": 6, "udp": 17, "17": 17, "icmp": 1, "1": 1, "icmpv6": 58, "58": 58,
              "esp": 50, "50": 50, "ah": 51, "51": 51, "gre": 47, "47": 47, "ipip": 4, "4": 4,
              "ipv4": 4, "94": 4, "-1": -1, "all": -1, "*": -1, "any": -1}
_WIDE = 1000  # a port range wider than this is generic exposure, not a tunnel signature


def _protocol(value: Any) -> int | None:
    if value is None:
        return -1
    key = str(value).strip().lower()
    if key in _PROTOCOLS:
        return _PROTOCOLS[key]
    return int(key) if key.isdigit() else None


def _port_ranges(subject: Subject, entry: Any,
                 rule: dict[str, Any]) -> list[tuple[int, int]] | None:
    """Port ranges the rule opens; None means all ports."""
    if "from_port" in rule:
        lo = _first(subject, entry, rule["from_port"])
        hi = _first(subject, entry, rule.get("to_port", rule["from_port"]))
        if lo is None and hi is None:
            return None
        try:
            a, b = int(lo if lo is not None else 0), int(hi if hi is not None else 65535)
        except (TypeError, ValueError):
            return None
        if (a, b) in ((0, 0), (-1, -1), (0, 65535), (1, 65535)):
            return None
        return [(a, b)]
    ranges: list[tuple[int, int]] = []
    for attr in rule.get("port_ranges", []):
        for value, _ in subject.values_in(entry, attr):
            for piece in str(value).replace(" ", "").split(","):
                if piece in ("*", "", "all", "-1", "-1/-1", "1/65535", "0-65535", "1-65535"):
                    return None
                m = re.fullmatch(r"(\d+)(?:[-/](\d+))?", piece)
                if m:
                    ranges.append((int(m.group(1)), int(m.group(2) or m.group(1))))
    return ranges or None


def _first(subject: Subject, entry: Any, attr: str) -> Any:
    found = subject.values_in(entry, attr)
    value = found[0][0] if found else None
    return None if isinstance(value, (Unknown, ResourceRef)) else value


def _tunnels_opened(protocol: int | None, ports: list[tuple[int, int]] | None) -> list[str]:
    if protocol is None:
        return []
    narrow = ports is not None and all(b - a <= _WIDE for a, b in ports)
    from ..signatures import load_signatures  # only rules that open a protocol: ~2 ms at start-up
    out = []
    for proto, port, name in load_signatures().port_table():  # the one table (signatures.yaml)
        if protocol not in (proto, -1):
            continue
        if port is None:
            if protocol == proto:  # ESP/AH/GRE named explicitly
                out.append(name)
            continue
        if ports is None or not narrow:
            continue  # "all ports" is generic exposure, judged elsewhere
        if any(a <= port <= b for a, b in ports):
            out.append(name)
    return out


def security_rule(target: Target, subject: Subject, ctx: Evaluation,
                  cat: CheckCatalog) -> Hit | None:
    rule = target.rule
    locals_ = resolve(target.local, subject, ctx)
    pairs: list[tuple[End, End, int | None, str]] = []
    for entry_spec in rule.get("entries", [{"self": True}]):
        if entry_spec.get("self"):
            entries: list[Any] = [subject]
        else:
            entries = [v for v, _ in subject.values(entry_spec["block"])]
        for entry in entries:
            direction = entry_spec.get("direction")
            if direction is None:
                raw = _first(subject, entry, rule.get("direction", "type"))
                direction = "egress" if str(raw).lower() in ("egress", "outbound", "out",
                                                             "true") else "ingress"
            action = rule.get("action")
            if action:
                value = _first(subject, entry, action["attribute"])
                if value is not None and str(value).lower() not in [a.lower() for a in
                                                                    action["allow"]]:
                    continue
            protocol = _protocol(_first(subject, entry, rule.get("protocol", "protocol")))
            opened = _tunnels_opened(protocol, _port_ranges(subject, entry, rule))
            if not opened:
                continue
            peer_attrs = rule.get("peers", {}).get(direction, [])
            if rule.get("missing_peer") == "anywhere" and not any(
                    subject.values_in(entry, a) for a in peer_attrs):
                anywhere = End(EndClass.ANYWHERE, "any address",
                               "no peer address is set, which means any address")
                detail = f"{direction} rule opens {', '.join(opened)}"
                pairs.extend((lo, anywhere, None, detail) for lo in locals_)
            for attr in peer_attrs:
                for value, line in subject.values_in(entry, attr):
                    if isinstance(value, str) and value.strip():
                        remote = ctx.note(classify_address(value, ctx.policy, attr, line),
                                          subject, attr if entry_spec.get("self")
                                          else f"{entry_spec['block']}.{attr}")
                    else:
                        continue
                    detail = f"{direction} rule opens {', '.join(opened)}"
                    pairs.extend((lo, remote, line, detail) for lo in locals_)
    return _worst(iter(pairs))


def group(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> Hit | None:
    from .hubs import group_pairs

    return _worst(iter(group_pairs(target, subject, ctx, cat)))


def limit(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> Hit | None:
    """A block whose evaluation stopped short; its `message` values say what was cut. Definite
    unless `options.unknown: applies` (an unresolved input, judged like an unknown end)."""
    messages = [v for v, _ in subject.values("message") if isinstance(v, str) and v]
    if not messages:
        return None
    verdict = Verdict.UNCERTAIN if target.options.get("unknown") == "applies" \
        else Verdict.CROSSING
    cut = End(EndClass.UNKNOWN, "", "")
    return Hit(verdict, cut, cut, None, "; ".join(messages))


Detector = Callable[[Target, Subject, Evaluation, CheckCatalog], Hit | None]


def _workload(name: str) -> Detector:
    """The detector `name` of workloads.py, imported on its first call: that module and the
    signature and tunnel tables it loads cost a scan of Terraform networking ~4 ms of start-up
    (a pre-commit run's) and serve only workloads and boot scripts."""
    def detector(target: Target, subject: Subject, ctx: Evaluation,
                 cat: CheckCatalog) -> Hit | None:
        from . import workloads as w  # only workloads and boot scripts need it (see above)
        found: Detector = getattr(w, name)
        return found(target, subject, ctx, cat)
    detector.__name__ = detector.__qualname__ = name
    return detector


# The literal table of detectors a check target names (`evaluator:`); front ends register none.
EVALUATORS: dict[str, Detector] = {
    "link": link,
    "security_rule": security_rule,
    "flag": flag,
    "group": group,
    "limit": limit,
    **{name: _workload(name) for name in ("software", "setting", "exposed_port", "edge_object",
                                          "proxy_env")},
}


def evaluate(check: Check, target: Target, subject: Subject, ctx: Evaluation,
             cat: CheckCatalog) -> Hit | None:
    applies = _conditions(target, subject)
    if applies is False:
        return None
    hit = EVALUATORS[target.evaluator](target, subject, ctx, cat)
    if hit is None:
        return None
    if hit.software is None and target.options.get("software"):  # the target names it
        hit = replace(hit, software=str(target.options["software"]))
    if target.message and not hit.worded:
        hit = replace(hit, detail=f"{target.message}; {hit.detail}" if hit.detail
                      else target.message)
    if isinstance(applies, str) and hit.verdict is Verdict.CROSSING:
        # A condition we cannot evaluate (bordercross = var.x) cannot prove a crossing.
        hit = replace(hit, verdict=Verdict.UNCERTAIN,
                      detail=f"{hit.detail}; {applies}" if hit.detail else applies)
    return hit


def evaluate_subject(subject: Subject, ctx: Evaluation, cat: CheckCatalog,
                     disabled: frozenset[str] = frozenset()) -> list[tuple[str, str, Hit]]:
    """Every check that applies to one subject as (check ID, detector, hit), with its worst hit
    across the check's targets (several targets of one check are independent signals about the
    same link)."""
    best: dict[str, tuple[str, str, Hit]] = {}
    for check, target in cat.targets_for(subject):
        if check.id in disabled:
            continue
        hit = evaluate(check, target, subject, ctx, cat)
        if hit is None:
            continue
        current = best.get(check.id)
        if current is None or rank(hit.verdict) > rank(current[2].verdict):
            best[check.id] = (check.id, target.evaluator, hit)
    return [best[k] for k in sorted(best)]
