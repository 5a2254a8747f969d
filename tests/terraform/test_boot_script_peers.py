"""Boot scripts (user data, custom data) go through the one `software` detector that reads
Kubernetes workloads: the same software table and the same peer syntax, so the peer a script
configures decides the finding (issue 12 item 6a)."""

from __future__ import annotations

import base64
import textwrap
from pathlib import Path

import pytest
from exitlint.app import ScanOptions, scan

FRANKFURT = "18.184.10.10"  # registered to US, an AWS Frankfurt address
SHANGHAI = "114.114.114.114"  # registered to CN

ALI = 'provider "alicloud" {\n  region = "cn-shanghai"\n}\n'
ALI_HK = 'provider "alicloud" {\n  region = "cn-hongkong"\n}\n'

SCRIPTS = {
    "strongswan": """\
        #!/bin/bash
        yum install -y strongswan
        cat > /etc/strongswan/ipsec.conf <<'CONF'
        conn office
          left=%defaultroute
          right={peer}
          auto=start
        CONF
        systemctl enable --now strongswan
        """,
    "swanctl": """\
        #!/bin/bash
        apt-get install -y strongswan-swanctl
        cat > /etc/swanctl/conf.d/office.conf <<'CONF'
        connections {{ office {{ remote_addrs = {peer} }} }}
        CONF
        swanctl --load-all
        """,
    "wireguard": """\
        #!/bin/bash
        apt-get install -y wireguard
        cat > /etc/wireguard/wg0.conf <<'CONF'
        [Peer]
        PublicKey = abc=
        Endpoint = {peer}:51820
        CONF
        wg-quick up wg0
        """,
    "openvpn": """\
        #!/bin/bash
        apt-get install -y openvpn
        cat > /etc/openvpn/client.conf <<'CONF'
        client
        remote {peer} 1194
        CONF
        systemctl start openvpn@client
        """,
    "frp": """\
        #!/bin/bash
        curl -sL https://example.invalid/frp.tgz | tar xz
        cat > frpc.toml <<'CONF'
        serverAddr = "{peer}"
        serverPort = 7000
        CONF
        ./frpc -c frpc.toml
        """,
    "tailscale": """\
        #!/bin/bash
        curl -fsSL https://tailscale.com/install.sh | sh
        tailscale up --login-server=https://{peer} --authkey=$KEY
        """,
}


def _scan(tmp_path: Path, tf: str):
    (tmp_path / ".git").mkdir(parents=True, exist_ok=True)
    (tmp_path / "main.tf").write_text(textwrap.dedent(tf), encoding="utf-8")
    result = scan(ScanOptions(paths=[tmp_path], base=tmp_path))
    assert result.errors == []
    return [f for f in result.findings if f.check_id == "XB602"]


def _template(script: str, provider: str = ALI) -> str:
    return provider + textwrap.dedent('''
        resource "alicloud_ecs_launch_template" "vpn" {
          launch_template_name = "vpn"
          user_data = base64encode(<<-EOT
        %s  EOT
          )
        }
        ''') % textwrap.indent(textwrap.dedent(script), "    ")


@pytest.mark.parametrize("software", sorted(SCRIPTS))
def test_a_peer_abroad_is_an_error(tmp_path: Path, software: str) -> None:
    [f] = _scan(tmp_path, _template(SCRIPTS[software].format(peer=FRANKFURT)))
    assert (f.severity.value, f.remote.cls.value, f.remote.value) == (
        "error", "non-mainland", FRANKFURT)
    assert f.resource == "alicloud_ecs_launch_template.vpn"
    assert "user_data" in f.message and f"{FRANKFURT} is registered to" in f.message


@pytest.mark.parametrize("software", sorted(SCRIPTS))
def test_a_peer_in_the_mainland_is_compliant(tmp_path: Path, software: str) -> None:
    assert _scan(tmp_path, _template(SCRIPTS[software].format(peer=SHANGHAI))) == []


def test_no_peer_named_is_an_unknown_warning(tmp_path: Path) -> None:
    script = "#!/bin/bash\nyum install -y strongswan\nsystemctl enable --now strongswan\n"
    [f] = _scan(tmp_path, _template(script))
    assert (f.severity.value, f.remote.cls.value) == ("warning", "unknown")
    assert "not named in the script" in f.message


def test_a_tailscale_without_login_server_uses_the_vendor_relays(tmp_path: Path) -> None:
    script = "#!/bin/bash\ncurl -fsSL https://tailscale.com/install.sh | sh\ntailscale up\n"
    [f] = _scan(tmp_path, _template(script))
    assert (f.severity.value, f.remote.cls.value) == ("error", "non-mainland")
    assert "controlplane.tailscale.com" in f.message


def test_the_worst_of_several_peers_wins(tmp_path: Path) -> None:
    script = SCRIPTS["strongswan"].format(peer=f"{SHANGHAI},{FRANKFURT}")
    [f] = _scan(tmp_path, _template(script))
    assert f.remote.value == FRANKFURT


def test_ipv6_and_private_peers(tmp_path: Path) -> None:
    [f] = _scan(tmp_path, _template(SCRIPTS["wireguard"].format(peer="[2a05:d014::1]")))
    assert f.severity.value == "error" and f.remote.value == "2a05:d014::1"
    # a private peer is carried by another link (the VPC's), judged on its own
    assert _scan(tmp_path, _template(SCRIPTS["wireguard"].format(peer="10.0.0.7"))) == []


def test_hong_kong_instance_to_frankfurt_crosses_no_mainland_border(tmp_path: Path) -> None:
    script = SCRIPTS["strongswan"].format(peer=FRANKFURT)
    assert _scan(tmp_path, _template(script, ALI_HK)) == []
    [f] = _scan(tmp_path, _template(SCRIPTS["strongswan"].format(peer=SHANGHAI), ALI_HK))
    assert f.severity.value == "error" and f.local.cls.value == "non-mainland"


def test_peer_from_a_variable_and_a_module_input(tmp_path: Path) -> None:
    script = SCRIPTS["openvpn"].format(peer="${var.peer}")
    tf = _template(script) + 'variable "peer" {\n  default = "%s"\n}\n' % FRANKFURT
    [f] = _scan(tmp_path, tf)
    assert f.remote.value == FRANKFURT
    # no value: the whole user data is unknown and cannot be read (not judged, as before)
    tf = _template(script) + 'variable "peer" {\n  type = string\n}\n'
    assert _scan(tmp_path, tf) == []


@pytest.mark.parametrize("rtype, attr, extra", [
    ("alicloud_ess_scaling_configuration", "user_data", 'scaling_group_id = "asg-1"'),
    ("tencentcloud_as_scaling_config", "user_data", 'configuration_name = "vpn"'),
    ("tencentcloud_cvm_launch_template", "user_data", 'launch_template_name = "vpn"'),
    ("huaweicloud_as_configuration", "instance_config.user_data", ""),
    ("aws_launch_configuration", "user_data", 'image_id = "ami-1"'),
])
def test_launch_templates_and_scaling_configurations_count_as_instances(
        tmp_path: Path, rtype: str, attr: str, extra: str) -> None:
    provider = {"alicloud": ALI, "tencentcloud": 'provider "tencentcloud" {\n  region = '
                '"ap-shanghai"\n}\n', "huaweicloud": 'provider "huaweicloud" {\n  region = '
                '"cn-east-3"\n}\n', "aws": 'provider "aws" {\n  region = "cn-north-1"\n}\n'}
    script = SCRIPTS["strongswan"].format(peer=FRANKFURT)
    encoded = base64.b64encode(textwrap.dedent(script).encode()).decode()
    if "." in attr:
        block, name = attr.split(".")
        body = f'{block} {{\n    {name} = "{encoded}"\n  }}'
    else:
        body = f'{attr} = "{encoded}"'
    tf = provider[rtype.split("_", 1)[0]] + f'resource "{rtype}" "vpn" {{\n  {extra}\n  {body}\n}}\n'
    [f] = _scan(tmp_path, tf)
    assert (f.resource, f.severity.value) == (f"{rtype}.vpn", "error")


def test_scale_set_custom_data(tmp_path: Path) -> None:
    tf = textwrap.dedent('''
        provider "azurerm" {
          features {}
          environment = "china"
        }
        resource "azurerm_linux_virtual_machine_scale_set" "vpn" {
          name     = "vpn"
          location = "chinaeast2"
          custom_data = base64encode(<<-EOT
        %s  EOT
          )
        }
        ''') % textwrap.indent(textwrap.dedent(SCRIPTS["tailscale"].format(peer=FRANKFURT)),
                               "    ")
    [f] = _scan(tmp_path, tf)
    assert f.severity.value == "error" and "self-hosted control server" in f.message


def test_a_script_and_a_mounted_configmap_name_the_same_peer(tmp_path: Path) -> None:
    """The same configuration text gives the same remote end on both platforms."""
    conf = "conn office\n  left=%defaultroute\n  right=" + FRANKFURT + "\n  auto=start\n"
    [tf] = _scan(tmp_path / "tf", _template("#!/bin/bash\nyum install -y strongswan\n"
                                             "cat > /etc/ipsec.conf <<'CONF'\n" + conf + "CONF\n"))
    k8s = tmp_path / "k8s"
    k8s.mkdir()
    (k8s / ".git").mkdir()
    (k8s / "vpn.yaml").write_text(textwrap.dedent("""\
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ipsec, namespace: net}
        data:
          ipsec.conf: |
        %s---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: ipsec, namespace: net, annotations: {exitlint.io/region: cn-shanghai}}
        spec:
          template:
            spec:
              containers:
                - name: ipsec
                  image: strongx509/strongswan:5.9
                  volumeMounts: [{name: conf, mountPath: /etc/ipsec.conf, subPath: ipsec.conf}]
              volumes: [{name: conf, configMap: {name: ipsec}}]
        """) % textwrap.indent(conf, "    "), encoding="utf-8")
    result = scan(ScanOptions(paths=[k8s], base=k8s))
    [pod] = [f for f in result.findings if f.check_id == "XB703"]
    assert (tf.remote.cls, tf.remote.value) == (pod.remote.cls, pod.remote.value)
    assert "(IPsec right)" in tf.message and "(IPsec right)" in pod.message


def test_the_finding_is_at_the_resource_block(tmp_path: Path) -> None:
    """Like every Terraform finding (suppressions and baselines key on the block), not at the
    line of the peer inside the script."""
    [f] = _scan(tmp_path, _template(SCRIPTS["wireguard"].format(peer=FRANKFURT)))
    assert (f.span.line, f.span.column) == (5, 1)
