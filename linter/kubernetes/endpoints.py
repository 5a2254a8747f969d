"""Remote endpoints named in container settings and tunnel configuration, and their class.

Endpoints come as `host:port`, `[v6]:port`, URLs (`wss://host:8123`, `https://user:pw@host`),
port ranges (`host:20000-50000`) or bare hosts; the host is classified with the same classifier
as Terraform (SPEC §2), plus two Kubernetes facts: cluster-internal service names are internal,
and the vendors' own relay and control-plane hosts are outside the mainland.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..classify.address import classify_address, classify_host
from ..model import End, EndClass
from ..policy import Policy

# relay / control-plane hosts operated outside the mainland
VENDOR_HOSTS: tuple[tuple[str, str], ...] = (
    ("*.tailscale.com", "Tailscale"), ("tailscale.com", "Tailscale"),
    ("*.netbird.io", "NetBird"), ("*.argotunnel.com", "Cloudflare"),
    ("*.trycloudflare.com", "Cloudflare"), ("*.cloudflare.com", "Cloudflare"),
    ("*.cftunnel.com", "Cloudflare"), ("*.ngrok.com", "ngrok"), ("*.ngrok.io", "ngrok"),
    ("*.ngrok-agent.com", "ngrok"), ("*.ngrok.app", "ngrok"), ("*.ngrok.dev", "ngrok"),
    ("*.ngrok-free.app", "ngrok"), ("*.zerotier.com", "ZeroTier"),
)
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9])?)*$")
_NOT_A_PEER = {"", "auto", "any", "%any", "%defaultroute", "0.0.0.0", "::", "*", "none", "null",
               "true", "false", "server", "client", "host", "example", "yes", "no"}


@dataclass(frozen=True)
class Endpoint:
    """One remote end found in the manifests, before classification."""

    host: str
    raw: str
    source: str  # where it was found, for the message ("env NB_MANAGEMENT_URL", "ConfigMap/x wg0.conf")
    line: int | None


def host_of(text: str) -> str | None:
    """The host of an endpoint string; None when it does not name one."""
    raw = str(text).strip().strip("'\"").strip()
    if not raw or any(ch in raw for ch in "${}<>%`\\ \t"):
        return None
    if "://" in raw:
        try:
            host = urlsplit(raw).hostname or ""
        except ValueError:
            return None
    elif raw.startswith("["):
        host = raw[1:raw.index("]")] if "]" in raw else ""
    else:
        raw = raw.split("/", 1)[0]
        if "@" in raw:
            raw = raw.rsplit("@", 1)[1]
        if raw.count(":") == 1:
            host = raw.split(":", 1)[0]
        elif raw.count(":") > 1:
            host = raw
        else:
            host = raw
    host = host.strip().lower().rstrip(".")
    if host in _NOT_A_PEER:
        return None
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if not _HOST.match(host) or host.replace(".", "").isdigit():
        return None
    return host


def _internal_name(host: str) -> bool:
    return ("." not in host or host.endswith((".svc", ".svc.cluster.local", ".cluster.local",
                                              ".local", ".internal", ".localdomain"))
            or host == "localhost")


def vendor_of(host: str) -> str | None:
    return next((v for pattern, v in VENDOR_HOSTS if fnmatch.fnmatchcase(host, pattern)), None)


def classify_endpoint(ep: Endpoint, policy: Policy) -> End:
    host = ep.host
    try:
        ipaddress.ip_address(host)
        end = classify_address(host, policy, ep.source, ep.line)
        return End(end.cls, host, end.reason, ep.source, ep.line)
    except ValueError:
        pass
    end = classify_host(host, policy, ep.source, ep.line)
    if end.cls is not EndClass.UNKNOWN:
        return end
    vendor = vendor_of(host)
    if vendor:
        return End(EndClass.NON_MAINLAND, host, f"{ep.source} {host} is operated by {vendor} "
                   "outside mainland China", ep.source, ep.line)
    if _internal_name(host):
        return End(EndClass.INTERNAL, host, f"{ep.source} {host} is a cluster-internal name",
                   ep.source, ep.line)
    return end


# -- tunnel configuration text ----------------------------------------------------------------
_CONFIG_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("WireGuard Endpoint", re.compile(r"(?im)^[ \t]*Endpoint[ \t]*=[ \t]*([^\s#;]+)")),
    ("wg set endpoint", re.compile(r"(?i)\bwg[ \t]+set\b[^\n]*?\bendpoint[ \t]+([^\s;]+)")),
    ("OpenVPN remote", re.compile(r"(?im)^[ \t]*remote[ \t]+([^\s#;]+)")),
    ("IPsec right", re.compile(r"(?im)^[ \t]*right[ \t]*=[ \t]*([^\s#;]+)")),
    ("swanctl remote_addrs", re.compile(r"(?im)^[ \t]*remote_addrs[ \t]*=[ \t]*([^#\n]+)")),
    ("frp serverAddr", re.compile(r"(?im)^[ \t]*[\"']?server_?addr[\"']?[ \t]*[=:][ \t]*"
                                  r"[\"']?([^\"'\s,#]+)")),
    ("remote_addr", re.compile(r"(?im)^[ \t]*[\"']?remote_addr[\"']?[ \t]*[=:][ \t]*"
                               r"[\"']?([^\"'\s,#]+)")),
    ("--login-server", re.compile(r"--login-server[= ]+[\"']?([^\"'\s]+)")),
)
_NEBULA = re.compile(r"""["']?([A-Za-z0-9.\-\[\]:]+:\d+)["']?""")


def config_endpoints(text: str, source: str, first_line: int | None) -> list[Endpoint]:
    """Peers named in WireGuard, OpenVPN, IPsec, frp, Nebula ... configuration text."""
    out: list[Endpoint] = []

    def line_at(pos: int) -> int | None:
        return None if first_line is None else first_line + text.count("\n", 0, pos)

    for label, pattern in _CONFIG_PATTERNS:
        for m in pattern.finditer(text):
            for piece in re.split(r"[,\s]+", m.group(1).strip()):
                host = host_of(piece)
                if host:
                    out.append(Endpoint(host, piece, f"{source} ({label})", line_at(m.start())))
    idx = text.find("static_host_map")
    if idx >= 0:
        block = text[idx: idx + 4000]
        end = re.search(r"\n\S", block)
        block = block[: end.start()] if end else block
        for m in _NEBULA.finditer(block):
            host = host_of(m.group(1))
            if host and not _internal_overlay(host):
                out.append(Endpoint(host, m.group(1), f"{source} (Nebula static_host_map)",
                                    line_at(idx + m.start())))
    return out


def _internal_overlay(host: str) -> bool:
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return False


# -- command lines ------------------------------------------------------------------------------
def split_command(parts: Iterable[object]) -> list[str]:
    """argv of command + args, with `sh -c "script"` scripts split into words too."""
    argv: list[str] = []
    for part in parts:
        text = str(part)
        if any(ch.isspace() for ch in text.strip()):
            text = text.replace("\n", " ; ")
            if len(text) > 20000:
                argv.extend(text.split())
                continue
            try:
                argv.extend(shlex.split(text, comments=True))
            except ValueError:
                argv.extend(text.split())
        else:
            argv.append(text)
    return argv


def flag_values(argv: list[str], flags: Iterable[str]) -> list[str]:
    wanted = tuple(flags)
    out: list[str] = []
    for i, word in enumerate(argv):
        for flag in wanted:
            if word == flag and i + 1 < len(argv):
                out.append(argv[i + 1])
            elif flag.startswith("--") and word.startswith(flag + "="):
                out.append(word[len(flag) + 1:])
    return out


_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def substitute(text: str, env: dict[str, str]) -> str:
    """Kubernetes `$(VAR)` expansion in command and args."""
    if "$(" not in text:
        return text
    return _VAR.sub(lambda m: env.get(m.group(1), m.group(0)), text)
