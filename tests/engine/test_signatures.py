"""One copy of the detection tables (checks/signatures.yaml, checks/software.yaml), read by the
Terraform security-rule and boot-script detectors and by the Kubernetes detectors alike."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from exitlint.signatures import decode_base64, host_of, load_signatures

from tests._cases import findings_of, scan_text

ROOT = Path(__file__).resolve().parents[2]

SG = '''provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_security_group_rule" "r" {
  type              = "ingress"
  ip_protocol       = "%s"
  port_range        = "%d/%d"
  cidr_ip           = "0.0.0.0/0"
  policy            = "accept"
  security_group_id = "sg-1"
}
'''


# Ports the Terraform table did not know while it was a copy in the engine (now engine/detectors.py); the
# Kubernetes table (hostPort, Services) did.
@pytest.mark.parametrize(("proto", "port", "name"), [
    ("udp", 41641, "Tailscale"), ("udp", 9993, "ZeroTier"), ("udp", 4242, "Nebula"),
    ("tcp", 8388, "Shadowsocks"), ("tcp", 5555, "SoftEther"),
])
def test_security_rule_knows_every_tunnel_port(tmp_path, proto, port, name):
    result = scan_text(tmp_path, SG % (proto, port, port))
    [hit] = findings_of(result, "XB601", "alicloud_security_group_rule.r")
    (tmp_path / "ike").mkdir()
    [ike] = findings_of(scan_text(tmp_path / "ike", SG % ("udp", 500, 500)), "XB601")
    assert hit.severity == ike.severity  # open to any address: judged like IKE
    assert name in hit.message and f"{port}" in hit.message


def test_a_port_added_to_the_table_reaches_both_front_ends(tmp_path):
    """Terraform security rules and Kubernetes Services read the same entries."""
    sig = load_signatures()
    for t in sig.tunnel_ports:
        if t.port is not None:
            assert sig.port_name(t.transport or "", t.port) == t.name
    manifest = tmp_path / "k8s" / "svc.yaml"
    manifest.parent.mkdir()
    manifest.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: zt}\nspec:\n"
                        "  type: LoadBalancer\n  ports:\n    - {port: 9993, protocol: UDP}\n",
                        encoding="utf-8")
    result = scan_text(tmp_path / "k8s", "", name="empty.tf")
    [hit] = findings_of(result, "XB705")
    assert "ZeroTier (UDP 9993)" in hit.message


def test_boot_script_reads_every_peer_of_a_list(tmp_path):
    """swanctl `remote_addrs` lists several peers; the old boot-script copy read only the first."""
    text = '''provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_instance" "gw" {
  user_data = <<-EOT
    #!/bin/bash
    apt-get install -y strongswan
    cat > /etc/swanctl/conf.d/hq.conf <<'EOF'
    connections { hq { remote_addrs = 10.0.0.1, 18.184.10.10 } }
    EOF
    swanctl --load-all
  EOT
}
'''
    [hit] = findings_of(scan_text(tmp_path, text), "XB602", "alicloud_instance.gw")
    assert hit.severity.value == "error" and "18.184.10.10" in hit.message


def test_boot_script_base64_is_decoded_by_the_shared_decoder(tmp_path):
    script = "#!/bin/bash\nwg-quick up wg0\n[Peer]\nEndpoint = 18.184.10.10:51820\n"
    encoded = base64.b64encode(script.encode()).decode()
    text = f'''provider "alicloud" {{
  region = "cn-shanghai"
}}

resource "alicloud_instance" "gw" {{
  user_data = "{encoded}"
}}
'''
    [hit] = findings_of(scan_text(tmp_path, text), "XB602")
    assert "18.184.10.10" in hit.message
    assert decode_base64(encoded, guess=True) == script
    assert decode_base64("echo hello world", guess=True) == "echo hello world"


@pytest.mark.parametrize(("text", "host"), [
    ("18.184.10.10:51820", "18.184.10.10"), ("[2a05:d014::1]:51820", "2a05:d014::1"),
    ("wss://relay.example.de:8443/path", "relay.example.de"), ("user@vpn.example.com", "vpn.example.com"),
    ("$(SERVER)", None), ("%any", None), ("auto", None),
])
def test_host_of(text, host):
    assert host_of(text) == host


def test_peer_syntax_is_data_and_names_each_syntax():
    sig = load_signatures()
    text = ("[Peer]\nEndpoint = 18.184.10.10:51820\nremote vpn.example.de 1194\n"
            "conn hq\n  right=203.0.113.9\nserverAddr = \"frp.example.jp\"\n")
    found = {(p.syntax, p.host) for p in sig.peers(text)}
    assert found == {("WireGuard Endpoint", "18.184.10.10"), ("OpenVPN remote", "vpn.example.de"),
                     ("IPsec right", "203.0.113.9"), ("frp serverAddr", "frp.example.jp")}
    assert sig.vendor_of("derp1.tailscale.com") == "Tailscale"


def test_no_private_copy_of_the_tables_is_left_in_the_code():
    """Tunnel ports, peer regexes and vendor hosts live in checks/ only."""
    sources = [p for p in (ROOT / "linter").rglob("*.py") if p.name != "signatures.py"]
    for path in sources:
        code = path.read_text(encoding="utf-8")
        assert "51820" not in code, path
        assert "remote_addrs" not in code, path
        assert "tailscale.com" not in code, path
        assert not re.search(r"\bEndpoint\s*\\s\*=", code), path
