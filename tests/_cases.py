"""Shared fixtures-as-functions for the policy, suppression and CLI tests."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from exitlint.cli import main

VPN = """\
provider "aws" {
  region = "cn-north-1"
}

resource "aws_vpn_gateway" "vgw" {
  vpc_id = "vpc-1"
}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = "%(peer)s"
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "office" {
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.office.id
  type                = "ipsec.1"
}
"""

# An frp client whose server address lives in a mounted ConfigMap (`%s`: the server): the
# cache, property and named-file tests change the ConfigMap alone.
FRPC_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: frpc, namespace: edge}
data:
  frpc.toml: |
    serverAddr = "%s"
    serverPort = 7000
"""

FRPC_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: frpc, namespace: edge}
spec:
  template:
    spec:
      containers:
        - name: frpc
          image: snowdreamtech/frpc:0.58.1
          args: ["-c", "/etc/frp/frpc.toml"]
          volumeMounts: [{name: conf, mountPath: /etc/frp}]
      volumes: [{name: conf, configMap: {name: frpc}}]
"""

FRPC_MANIFEST = FRPC_CONFIGMAP + "---\n" + FRPC_DEPLOYMENT  # both in one file

FOREIGN_PEER = "18.184.10.10"  # registered to US
DOMESTIC_PEER = "114.114.114.114"  # registered to CN
UNKNOWN_PEER = "vpn.example.com"  # host name: unknown


def vpn(peer: str = FOREIGN_PEER) -> str:
    return VPN % {"peer": peer}


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def project(tmp_path: Path, tf: str | None = None, policy: str | None = None) -> Path:
    """A git work tree (so policy discovery stops here) with main.tf and an optional policy."""
    (tmp_path / ".git").mkdir(parents=True, exist_ok=True)
    write(tmp_path, "main.tf", tf if tf is not None else vpn())
    if policy is not None:
        write(tmp_path, ".exitlint.yaml", policy)
    return tmp_path


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys: Any, *argv: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = run(capsys, *argv, "--format", "json")
    return code, json.loads(out), err


def ids(report: dict[str, Any], *, suppressed: bool | None = None) -> list[str]:
    return [f["check_id"] for f in report["findings"]
            if suppressed is None or f["suppressed"] is suppressed]

CGW = """\
provider "aws" {
  region = "cn-north-1"
}

%(comment)s
resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = "%(peer)s"
  type       = "ipsec.1"
}
"""


def cgw(comment: str = "", peer: str = FOREIGN_PEER) -> str:
    """One customer gateway abroad: exactly one XB101 finding, at line 6."""
    return CGW % {"comment": comment, "peer": peer}


def scan_text(tmp_path: Path, text: str, tfvars: str | None = None, *,
              name: str = "main.tf") -> Any:
    """Scan one module written to tmp_path (plus an optional terraform.tfvars), in-process."""
    from exitlint.app import ScanOptions, scan

    (tmp_path / name).write_text(text, encoding="utf-8")
    if tfvars is not None:
        (tmp_path / "terraform.tfvars").write_text(tfvars, encoding="utf-8")
    return scan(ScanOptions(paths=[tmp_path], base=tmp_path))


def findings_of(result: Any, check_id: str, resource: str | None = None) -> list[Any]:
    """The findings of one check (on one resource when given)."""
    return [f for f in result.findings if f.check_id == check_id
            and (resource is None or f.resource == resource)]
