"""IP network functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets (IPv4 and IPv6), with
Terraform's rules: a prefix may have host bits set, a negative host number counts from the
end of the range, cidrsubnets allocates consecutive aligned blocks."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from .base import FunctionError, strict, text, whole

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_SUBNETS = 1024  # cidrsubnets() results (Terraform's own limit is the address space)


def _network(prefix: Any) -> Network:
    s = text(prefix)
    if "/" not in s:
        raise FunctionError(f"{s[:60]!r} is not a CIDR prefix")
    try:
        return ipaddress.ip_network(s, strict=False)
    except ValueError as exc:
        raise FunctionError(f"{s[:60]!r} is not a CIDR prefix") from exc


def _address(net: Network, value: int) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.IPv4Address(value) if net.version == 4 else ipaddress.IPv6Address(value)


def _cidrhost(prefix: Any, hostnum: Any) -> Any:
    net, n = _network(prefix), whole(hostnum)
    size = net.num_addresses
    if n < 0:
        n += size  # -1 is the last address of the range
    if not 0 <= n < size:
        raise FunctionError(f"prefix {net} has no host number {whole(hostnum)}")
    return str(_address(net, int(net.network_address) + n))


def _cidrnetmask(prefix: Any) -> Any:
    net = _network(prefix)
    if net.version != 4:
        raise FunctionError("cidrnetmask takes an IPv4 prefix")
    return str(net.netmask)


def _cidrsubnet(prefix: Any, newbits: Any, netnum: Any) -> Any:
    net, bits, num = _network(prefix), whole(newbits), whole(netnum)
    length = net.prefixlen + bits
    if bits < 0 or length > net.max_prefixlen:
        raise FunctionError(f"cannot extend prefix {net} by {bits} bits")
    if not 0 <= num < 2**bits:
        raise FunctionError(f"prefix extension of {bits} bits has no network number {num}")
    first = int(net.network_address) | (num << (net.max_prefixlen - length))
    return f"{_address(net, first)}/{length}"


def _cidrsubnets(prefix: Any, *newbits: Any) -> Any:
    """Consecutive blocks from the start of `prefix`, each aligned on its own size."""
    net = _network(prefix)
    if len(newbits) > MAX_SUBNETS:
        raise FunctionError(f"more than {MAX_SUBNETS} subnets")
    width = net.max_prefixlen
    top = 2**width
    start, end = int(net.network_address), int(net.broadcast_address)
    nxt = start  # the first address not yet allocated
    out = []
    for b in newbits:
        bits = whole(b)
        length = net.prefixlen + bits
        if bits < 1 or bits > 32 or length > width:  # Terraform's bounds: 1 to 32 new bits
            raise FunctionError(f"cannot extend prefix {net} by {bits} bits")
        size = 2 ** (width - length)
        first = -(-nxt // size) * size  # aligned on the block's size
        if first + size - 1 > end or first >= top:
            raise FunctionError(f"not enough remaining address space in {net}")
        out.append(f"{_address(net, first)}/{length}")
        nxt = first + size
    return out


TABLE: dict[str, Callable[..., Any]] = {
    "cidrhost": strict(_cidrhost),
    "cidrnetmask": strict(_cidrnetmask),
    "cidrsubnet": strict(_cidrsubnet),
    "cidrsubnets": strict(_cidrsubnets),
}
