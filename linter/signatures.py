"""The one copy of the detection tables every front end shares (`checks/signatures.yaml`,
`checks/software.yaml`): tunnel ports, peer syntax in configuration text, vendor relay hosts,
named text patterns, base64 decoding and the tunnel software catalogue with its index.

Terraform security rules and boot scripts and the Kubernetes workload, Service and
multi-cluster detectors all read them from here, so a port or a peer syntax added once is known
everywhere. It is data, below the engine and both front ends, so none of them imports another
for it.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import data_files, lazy_re
from .records import dataclass
from .resources import checks_dir

# IP protocol numbers of the protocol names the tables use
PROTOCOL_NUMBERS = {"tcp": 6, "udp": 17, "esp": 50, "ah": 51, "gre": 47, "ipip": 4}


@dataclass(frozen=True)
class TunnelPort:
    protocol: int  # IP protocol number
    port: int | None  # None: the protocol itself is the signature (ESP, GRE ...)
    name: str

    @property
    def transport(self) -> str | None:
        """"TCP" or "UDP" for a port entry, None for a bare IP protocol."""
        names = {6: "TCP", 17: "UDP"}
        return names.get(self.protocol) if self.port is not None else None


@dataclass(frozen=True)
class PeerSyntax:
    name: str
    pattern: re.Pattern[str]
    block: str = ""  # apply only inside the indented block that starts at this key
    public_only: bool = False  # private (overlay) addresses in it are not peers


@dataclass(frozen=True)
class PeerMatch:
    """A peer named in configuration text, before classification."""

    host: str
    raw: str
    syntax: str  # the PeerSyntax name, for the message
    offset: int  # position in the text, for its line


@dataclass(frozen=True)
class Software:
    name: str
    kind: str  # circumvention | foreign-edge | vpn
    role: str  # client | server
    images: tuple[str, ...]
    bare_images: tuple[str, ...]
    commands: tuple[str, ...]
    script: re.Pattern[str] | None
    endpoint_env: tuple[str, ...]
    endpoint_flags: tuple[str, ...]
    control_env: tuple[str, ...]
    control_flags: tuple[str, ...]
    control_plane: str
    identify_env: tuple[tuple[str, str | None], ...] = ()  # (env name, word needed in argv)
    config_signatures: tuple[tuple[re.Pattern[str], ...], ...] = ()
    shell: re.Pattern[str] | None = None
    endpoint_args: tuple[str, ...] = ()
    extra_args_env: tuple[str, ...] = ()
    control_syntax: tuple[str, ...] = ()
    # the software's own templating of its configuration from the environment (group 1: the
    # variable), expanded with the container's env before peers are read
    config_env_template: re.Pattern[str] | None = None


@dataclass(frozen=True)
class SoftwareIndex:
    software: tuple[Software, ...]
    strong: dict[str, Software]  # `ns/name` (or longer path suffix) -> software
    bare: dict[str, Software]
    bare_globs: tuple[tuple[re.Pattern[str], Software], ...]
    commands: dict[str, Software]
    system_images: re.Pattern[str] | None

    def named(self, name: str) -> Software | None:
        return next((s for s in self.software if s.name == name), None)


@dataclass(frozen=True)
class Signatures:
    tunnel_ports: tuple[TunnelPort, ...]
    peer_syntax: tuple[PeerSyntax, ...]
    vendor_hosts: tuple[tuple[str, str], ...]  # (host glob, vendor)
    text_patterns: dict[str, re.Pattern[str]]
    software: SoftwareIndex

    def port_table(self) -> tuple[tuple[int, int | None, str], ...]:
        """(IP protocol number, port or None, name) of every tunnel protocol."""
        return tuple((t.protocol, t.port, t.name) for t in self.tunnel_ports)

    def port_name(self, transport: str, port: int) -> str | None:
        """The tunnel protocol a TCP/UDP port is the signature of, else None."""
        return next((t.name for t in self.tunnel_ports
                     if t.port == port and t.transport == transport.upper()), None)

    def vendor_of(self, host: str) -> str | None:
        return next((v for pattern, v in self.vendor_hosts if fnmatch.fnmatchcase(host, pattern)),
                    None)

    def peers(self, text: str, only: tuple[str, ...] = ()) -> list[PeerMatch]:
        """Peers named in tunnel configuration text (all syntaxes, or the ones in `only`)."""
        out: list[PeerMatch] = []
        for syntax in self.peer_syntax:
            if only and syntax.name not in only:
                continue
            out.extend(_peers_of(syntax, text))
        return out


def _peers_of(syntax: PeerSyntax, text: str) -> list[PeerMatch]:
    base, scope = 0, text
    if syntax.block:
        base = text.find(syntax.block)
        if base < 0:
            return []
        scope = text[base: base + 4000]
        end = re.search(r"\n\S", scope)
        scope = scope[: end.start()] if end else scope
    out: list[PeerMatch] = []
    for m in syntax.pattern.finditer(scope):
        for piece in re.split(r"[,\s]+", m.group(1).strip()):
            host = host_of(piece)
            if host and not (syntax.public_only and _private(host)):
                out.append(PeerMatch(host, piece, syntax.name, base + m.start()))
    return out


def _private(host: str) -> bool:
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return False


# -- endpoint syntax ----------------------------------------------------------------------------
_HOST = lazy_re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9])?)*$")
_NOT_A_PEER = {"", "auto", "any", "%any", "%defaultroute", "0.0.0.0", "::", "*", "none", "null",
               "true", "false", "server", "client", "host", "example", "yes", "no"}


def host_of(text: str) -> str | None:
    """The host of an endpoint string (`host:port`, `[v6]:port`, a URL, `user@host`, a bare
    host); None when it does not name one (placeholders, keywords, shell variables)."""
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
        host = raw.split(":", 1)[0] if raw.count(":") == 1 else raw
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


def decode_base64(text: str, *, guess: bool = False) -> str:
    """The decoded text of a base64 value; the text itself when it is not base64. With `guess`
    (a value that may or may not be encoded, like cloud-init user data) only a single word of
    16 or more characters is tried, so that ordinary scripts are never "decoded"."""
    stripped = text.strip()
    if guess and (not stripped or " " in stripped or len(stripped) % 4 or len(stripped) < 16):
        return text
    try:
        return base64.b64decode("".join(stripped.split()), validate=True).decode("utf-8",
                                                                                  "replace")
    except (binascii.Error, ValueError):
        return text


# -- loading ------------------------------------------------------------------------------------
def _software(raw: dict[str, Any]) -> Software:
    patterns = raw.get("script_patterns") or []
    shell = raw.get("shell_patterns") or []
    return Software(
        name=raw["name"], kind=raw["kind"], role=raw.get("role", "client"),
        images=tuple(i.lower() for i in raw.get("images", [])),
        bare_images=tuple(i.lower() for i in raw.get("bare_images", [])),
        commands=tuple(raw.get("commands", [])),
        script=lazy_re.compile("|".join(patterns), re.I) if patterns else None,
        endpoint_env=tuple(raw.get("endpoint_env", [])),
        endpoint_flags=tuple(raw.get("endpoint_flags", [])),
        control_env=tuple(raw.get("control_env", [])),
        control_flags=tuple(raw.get("control_flags", [])),
        control_plane=raw.get("control_plane", ""),
        identify_env=tuple((e, None) if isinstance(e, str) else (e["env"], e.get("argv"))
                           for e in raw.get("identify_env", [])),
        config_signatures=tuple(tuple(lazy_re.compile(p) for p in group)
                                for group in raw.get("config_signatures", [])),
        shell=lazy_re.compile("|".join(shell)) if shell else None,
        endpoint_args=tuple(raw.get("endpoint_args", [])),
        extra_args_env=tuple(raw.get("extra_args_env", [])),
        control_syntax=tuple(raw.get("control_syntax", [])),
        config_env_template=lazy_re.compile(raw["config_env_template"])
        if raw.get("config_env_template") else None,
    )


def _index(raw: dict[str, Any]) -> SoftwareIndex:
    items = tuple(_software(s) for s in raw.get("software", []))
    strong: dict[str, Software] = {}
    bare: dict[str, Software] = {}
    globs: list[tuple[re.Pattern[str], Software]] = []
    commands: dict[str, Software] = {}
    for sw in items:
        for i in sw.images:
            strong.setdefault(i, sw)
        for b in sw.bare_images:
            if "*" in b or "?" in b:
                globs.append((lazy_re.compile(fnmatch.translate(b)), sw))
            else:
                bare.setdefault(b, sw)
        for c in sw.commands:
            commands.setdefault(c, sw)
    system = raw.get("system_images") or []
    return SoftwareIndex(items, strong, bare, tuple(globs), commands,
                         lazy_re.compile("|".join(fnmatch.translate(g) for g in system))
                         if system else None)


def _tunnel_port(raw: dict[str, Any]) -> TunnelPort:
    port = raw.get("port")
    return TunnelPort(PROTOCOL_NUMBERS[str(raw["protocol"]).lower()],
                      int(port) if port is not None else None, raw["name"])


def _peer_syntax(raw: dict[str, Any]) -> PeerSyntax:
    return PeerSyntax(raw["name"], lazy_re.compile(raw["pattern"]), raw.get("block", ""),
                      bool(raw.get("public_only", False)))


@lru_cache(maxsize=4)
def load_signatures(root: Path | None = None,
                    data: data_files.DataFiles | None = None) -> Signatures:
    """The tables under `root` (default: the bundled checks/), read through `data`."""
    base = root or checks_dir()
    raw = data_files.load_file(base / "signatures.yaml", data) or {}
    sw_path = base / "software.yaml"
    software = (data_files.load_file(sw_path, data) or {}) if sw_path.is_file() else {}
    return Signatures(
        tunnel_ports=tuple(_tunnel_port(t) for t in raw.get("tunnel_ports", [])),
        peer_syntax=tuple(_peer_syntax(p) for p in raw.get("peer_syntax", [])),
        vendor_hosts=tuple((v["host"], v["vendor"]) for v in raw.get("vendor_hosts", [])),
        text_patterns={k: lazy_re.compile(v) for k, v in (raw.get("text_patterns") or {}).items()},
        software=_index(software),
    )
