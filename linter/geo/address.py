"""Classify IP addresses, CIDRs and host names (SPEC §2).

Public addresses are classified by RIR registration country with the offline `iptocc`
data: registration is not location, so reasons say "registered to".
"""

from __future__ import annotations

import fnmatch
import ipaddress
from functools import lru_cache

from .. import lazy_re
from ..model import End, EndClass, shown
from ..policy import Network, Policy

_PLACES = {"HK": "Hong Kong", "MO": "Macau", "TW": "Taiwan"}
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_DOCUMENTATION = tuple(ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20"))
_HOST_NAME = lazy_re.compile(r"[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?)*")
_ANYWHERE = ("0.0.0.0/0", "::/0", "*", "any", "internet", "0.0.0.0")


@lru_cache(maxsize=65536)
def _country(addr: str) -> str | None:
    from iptocc import country_code

    cc = country_code(addr)
    return cc if isinstance(cc, str) else None


def _in(net: Network, nets: tuple[Network, ...]) -> bool:
    return any(net.version == n.version and net.subnet_of(n) for n in nets)  # type: ignore[arg-type]


def classify_address(text: str, policy: Policy, attribute: str | None = None,
                     line: int | None = None) -> End:
    """An IP address or CIDR; anything that is neither is treated as a host name."""
    end = _classify_address(text, policy, attribute, line)
    label = attribute or "peer"
    return End(end.cls, end.value, f"{label} {shown(end.value)} is {end.reason}", attribute,
               line)


def _classify_address(text: str, policy: Policy, attribute: str | None,
                      line: int | None) -> End:
    raw = text.strip()
    if raw.lower() in _ANYWHERE:
        return End(EndClass.ANYWHERE, raw, "open to any address", attribute, line)
    candidate = raw.split("%")[0]
    if candidate.startswith("[") and "]" in candidate:
        candidate = candidate[1 : candidate.index("]")]
    try:
        net = ipaddress.ip_network(candidate, strict=False)
    except ValueError:
        host = _strip_port(raw)
        try:
            net = ipaddress.ip_network(host, strict=False)
        except ValueError:
            return _classify_host(host, policy, attribute, line)
    return _classify_network(net, raw, policy, attribute, line)


def _strip_port(raw: str) -> str:
    if raw.count(":") == 1:
        return raw.split(":", 1)[0]
    return raw


def _classify_network(net: Network, raw: str, policy: Policy, attribute: str | None,
                      line: int | None) -> End:
    if net.prefixlen == 0:
        return End(EndClass.ANYWHERE, raw, "open to any address", attribute, line)
    if _in(net, policy.domestic_cidrs):
        return End(EndClass.MAINLAND, raw, "listed in the policy's domestic_cidrs", attribute, line)
    if _in(net, policy.foreign_cidrs):
        return End(EndClass.NON_MAINLAND, raw, "listed in the policy's foreign_cidrs",
                   attribute, line)
    first = net.network_address
    if any(net.version == d.version and net.subnet_of(d) for d in _DOCUMENTATION):  # type: ignore[arg-type]
        return End(EndClass.UNKNOWN, raw, "a documentation address range (not routable)",
                   attribute, line)
    if first.version == 4 and net.subnet_of(_SHARED):  # type: ignore[arg-type]
        return End(EndClass.INTERNAL, raw, "a shared (carrier-grade NAT) address", attribute, line)
    if first.is_loopback or first.is_link_local or (first.is_private and not first.is_global
                                                    and not first.is_reserved
                                                    and not first.is_multicast
                                                    and not first.is_unspecified
                                                    and _is_internal(first)):
        return End(EndClass.INTERNAL, raw, "a private address, reachable only over another link",
                   attribute, line)
    if not first.is_global or first.is_multicast:
        return End(EndClass.UNKNOWN, raw, "a reserved address range", attribute, line)
    ends = {_country(str(net.network_address)), _country(str(net.broadcast_address))}
    if len(ends) != 1:
        return End(EndClass.UNKNOWN, raw, "spans addresses registered to several countries",
                   attribute, line)
    cc = ends.pop()
    if cc is None:
        return End(EndClass.UNKNOWN, raw, "not found in the offline registry data", attribute, line)
    if cc == "CN":
        return End(EndClass.MAINLAND, raw, "registered to CN (mainland China)", attribute, line)
    place = _PLACES.get(cc)
    reason = f"registered to {cc}" + (f" ({place})" if place else "")
    return End(EndClass.NON_MAINLAND, raw, reason, attribute, line)


def _is_internal(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if addr.version == 4:
        return any(addr in ipaddress.ip_network(n) for n in
                   ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
    return addr in ipaddress.ip_network("fc00::/7")


def classify_host(host: str, policy: Policy, attribute: str | None = None,
                  line: int | None = None) -> End:
    end = _classify_host(host, policy, attribute, line)
    return End(end.cls, end.value, f"{attribute or 'host'} {shown(end.value)} is {end.reason}",
               attribute, line)


def _classify_host(host: str, policy: Policy, attribute: str | None, line: int | None) -> End:
    name = host.strip().lower().rstrip(".")
    if any(fnmatch.fnmatchcase(name, g.lower()) for g in policy.domestic_hosts):
        return End(EndClass.MAINLAND, host, "listed in the policy's domestic_hosts", attribute, line)
    if any(fnmatch.fnmatchcase(name, g.lower()) for g in policy.foreign_hosts):
        return End(EndClass.NON_MAINLAND, host, "listed in the policy's foreign_hosts",
                   attribute, line)
    if name in ("localhost",):
        return End(EndClass.INTERNAL, host, "the local host", attribute, line)
    if not _HOST_NAME.fullmatch(name):  # a placeholder, a template, a masked value
        return End(EndClass.UNKNOWN, host, "neither an IP address nor a host name, so where "
                   "it is cannot be known", attribute, line)
    return End(EndClass.UNKNOWN, host,
               "a host name: where it resolves cannot be known statically "
               "(list it in domestic_hosts or foreign_hosts)", attribute, line)
