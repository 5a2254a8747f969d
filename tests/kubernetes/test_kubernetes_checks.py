"""Kubernetes checks XB701-XB809: examples, system-workload allowlist, cluster location,
remote endpoints, suppressions."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import yaml
from exitlint.app import ScanOptions, scan
from exitlint.engine.catalog import load_checks
from exitlint.tunnels import image_path, is_system_image, match_image

ROOT = Path(__file__).resolve().parents[2]
K8S_CHECKS = sorted((ROOT / "checks" / "kubernetes").glob("*.yaml"))


def _scan(tmp_path: Path, text: str, policy: str | None = None, name: str = "m.yaml", **kw):
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text), encoding="utf-8")
    opts = ScanOptions(paths=[tmp_path], base=tmp_path, **kw)
    if policy is not None:
        (tmp_path / ".exitlint.yaml").write_text(textwrap.dedent(policy), encoding="utf-8")
        opts.policy_path = tmp_path / ".exitlint.yaml"
    return scan(opts)


def _ids(result) -> list[tuple[str, str]]:
    return sorted((f.check_id, f.severity.value) for f in result.findings if not f.suppressed)


# -- every check: definition, docs, examples -------------------------------------------------
@pytest.mark.parametrize("check_file", K8S_CHECKS, ids=lambda p: p.stem)
def test_kubernetes_check_has_examples(check_file: Path):
    raw = yaml.safe_load(check_file.read_text(encoding="utf-8"))
    # kinds are derived from the targets; a completeness check (not rendered) has none
    assert (raw["targets"] or raw["category"] == "completeness") and "kinds" not in raw
    assert raw["id"][:3] in ("XB7", "XB8")
    for kind in ("noncompliant", "compliant"):
        target = ROOT / raw["examples"][kind]
        assert target.is_dir() and list(target.glob("*.yaml")), target
        assert target.parent.name.startswith(raw["id"] + "-")
    bad = scan(ScanOptions(paths=[ROOT / raw["examples"]["noncompliant"]],
                           base=ROOT / raw["examples"]["noncompliant"]))
    assert {f.check_id for f in bad.findings} == {raw["id"]}
    assert any(f.severity.value == raw["severity"] for f in bad.findings)
    assert all(f.kind == "kubernetes" and "/" in f.resource for f in bad.findings)
    good = scan(ScanOptions(paths=[ROOT / raw["examples"]["compliant"]],
                            base=ROOT / raw["examples"]["compliant"]))
    assert good.findings == [] and good.errors == [] and good.resources > 0


def test_catalog_loads_kubernetes_checks():
    catalog = load_checks()
    for cid in ("XB701", "XB702", "XB703", "XB704", "XB705", "XB706", "XB801", "XB808"):
        assert catalog.get(cid) is not None


# -- images ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("image", "software", "strength"), [
    ("lscr.io/linuxserver/wireguard:latest", "WireGuard", "strong"),
    ("docker.m.daocloud.io/linuxserver/wireguard@sha256:" + "a" * 64, "WireGuard", "strong"),
    ("registry.cn-hangzhou.aliyuncs.com/someone/wireguard:v1", "WireGuard", "weak"),
    ("swr.cn-north-4.myhuaweicloud.com/ops/cloudflared:2024.1", "Cloudflare Tunnel (cloudflared)",
     "weak"),
    ("cloudflare/cloudflared", "Cloudflare Tunnel (cloudflared)", "strong"),
    ("ghcr.io/wg-easy/wg-easy:14", "wg-easy (WireGuard server)", "strong"),
    ("metacubex/mihomo:Alpha", "Clash / mihomo", "strong"),
    ("localhost:5000/ghcr.io/sagernet/sing-box", "sing-box", "strong"),
    ("quay.io/outline/shadowbox:stable", "Outline (Shadowsocks)", "strong"),
    ("fatedier/frpc:v0.58.0", "frp", "strong"),
    ("netbirdio/netbird:latest-rootless", "NetBird", "strong"),
])
def test_image_matching(image, software, strength):
    found = match_image(image)
    assert found is not None and (found[0].name, found[1]) == (software, strength)


@pytest.mark.parametrize("image", ["nginx:1.27", "prom/openvpn-exporter:1", "bitnami/kubectl",
                                   "mindflavor/prometheus-wireguard-exporter:3.6.6",
                                   "vesoft/nebula-graphd:v3", "ghcr.io/tailscale-dev/docs:1"])
def test_ordinary_images_do_not_match(image):
    assert match_image(image) is None


def test_image_path_normalisation():
    assert image_path("nginx") == "library/nginx"
    assert image_path("index.docker.io/library/nginx:1@sha256:abc") == "library/nginx"
    assert image_path("registry:5000/ns/name:tag") == "ns/name"


# -- legitimate system workloads stay quiet --------------------------------------------------
SYSTEM = {
    "calico-node": "docker.io/calico/node:v3.28.0",
    "cilium": "quay.io/cilium/cilium:v1.15.6@sha256:" + "b" * 64,
    "kube-proxy": "registry.k8s.io/kube-proxy:v1.30.2",
    "aws-node": "602401143452.dkr.ecr.cn-north-1.amazonaws.com.cn/amazon-k8s-cni:v1.18.2",
    "terway": "registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/terway:v1.9.0",
    "kube-flannel": "docker.io/flannel/flannel:v0.25.4",
    "kube-ovn-cni": "docker.io/kubeovn/kube-ovn:v1.13.0",
    "istio-cni-node": "docker.io/istio/install-cni:1.22.1",
}


@pytest.mark.parametrize("name", sorted(SYSTEM))
def test_system_workloads_with_net_admin_stay_quiet(tmp_path, name):
    image = SYSTEM[name]
    assert is_system_image(image)
    r = _scan(tmp_path, f"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {{name: {name}, namespace: kube-system}}
        spec:
          template:
            spec:
              hostNetwork: true
              securityContext:
                sysctls: [{{name: net.ipv4.ip_forward, value: "1"}}]
              initContainers:
                - name: init
                  image: {image}
                  command: [sh, -c, "sysctl -w net.ipv4.ip_forward=1"]
                  securityContext: {{privileged: true}}
              containers:
                - name: agent
                  image: {image}
                  securityContext:
                    privileged: true
                    capabilities: {{add: [NET_ADMIN, NET_RAW, SYS_MODULE]}}
                  ports:
                    - {{containerPort: 51820, hostPort: 51820, protocol: UDP}}
                  volumeMounts:
                    - {{name: tun, mountPath: /dev/net/tun}}
              volumes:
                - name: tun
                  hostPath: {{path: /dev/net/tun, type: CharDevice}}
        """)
    assert r.findings == [] and r.errors == []


def test_same_pod_with_an_unknown_image_is_flagged(tmp_path):
    r = _scan(tmp_path, """
        apiVersion: v1
        kind: Pod
        metadata: {name: custom}
        spec:
          securityContext:
            sysctls: [{name: net.ipv4.ip_forward, value: "1"}]
          containers:
            - name: agent
              image: corp/agent:1
              securityContext: {capabilities: {add: [NET_ADMIN]}}
              ports: [{containerPort: 1194, hostPort: 1194, protocol: UDP}]
              volumeMounts: [{name: tun, mountPath: /dev/net/tun}]
          volumes: [{name: tun, hostPath: {path: /dev/net/tun}}]
        """)
    assert _ids(r) == [("XB704", "warning"), ("XB705", "warning"), ("XB706", "warning")]


# -- where the cluster is --------------------------------------------------------------------
SS = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: proxy}
spec:
  template:
    spec:
      %s
      containers:
        - name: ss
          image: shadowsocks/shadowsocks-libev:v3.3.5
"""


@pytest.mark.parametrize(("selector", "expected"), [
    ("nodeSelector: {topology.kubernetes.io/region: cn-hongkong}", []),
    ("nodeSelector: {topology.kubernetes.io/region: ap-east-1}", []),
    ("nodeSelector: {failure-domain.beta.kubernetes.io/zone: cn-hongkong-b}", []),
    ("nodeSelector: {topology.kubernetes.io/region: cn-north-1}", [("XB701", "error")]),
    ("nodeSelector: {topology.kubernetes.io/region: cn-shanghai}", [("XB701", "error")]),
    ("nodeSelector: {topology.kubernetes.io/region: mars-1}", [("XB701", "warning")]),
    ("affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
     "{nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/region, "
     "operator: In, values: [eu-central-1]}]}]}}}", []),
])
def test_region_from_node_selector(tmp_path, selector, expected):
    r = _scan(tmp_path, SS % selector)
    assert _ids(r) == expected


def test_region_from_kubernetes_paths(tmp_path):
    (tmp_path / "clusters" / "sh").mkdir(parents=True)
    (tmp_path / "clusters" / "sh" / "p.yaml").write_text(SS % "", encoding="utf-8")
    policy = """
        version: 1
        kubernetes:
          region: cn-beijing
          paths: {"clusters/hk/**": cn-hongkong}
        """
    r = _scan(tmp_path, SS % "", policy=policy, name="clusters/hk/p.yaml")
    assert [(f.span.file, f.check_id) for f in r.findings] == [("clusters/sh/p.yaml", "XB701")]
    assert "kubernetes.region" in r.findings[0].message
    assert not any("assumed" in n for n in r.notes)


def test_policy_region_wins_over_node_selector(tmp_path):
    policy = "version: 1\nkubernetes: {region: ap-southeast-1}\n"
    r = _scan(tmp_path, SS % "nodeSelector: {topology.kubernetes.io/region: cn-north-1}",
              policy=policy)
    assert r.findings == []


def test_default_region(tmp_path):
    r = _scan(tmp_path, SS % "", policy="version: 1\ndefault_region: eastasia\n")
    assert r.findings == []
    r = _scan(tmp_path, SS % "", policy="version: 1\ndefault_region: chinaeast2\n")
    assert _ids(r) == [("XB701", "error")]


# -- remote endpoints ---------------------------------------------------------------------------
FRPC = """
apiVersion: v1
kind: ConfigMap
metadata: {name: frpc, namespace: edge}
data:
  frpc.toml: |
    serverAddr = "%s"
    serverPort = 7000
    [[proxies]]
    name = "web"
    type = "tcp"
    localPort = 80
    remotePort = 6000
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frpc, namespace: edge}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: frpc
          image: snowdreamtech/frpc:0.58.1
          args: ["-c", "/etc/frp/frpc.toml"]
          volumeMounts: [{name: conf, mountPath: /etc/frp}]
      volumes: [{name: conf, configMap: {name: frpc}}]
"""


@pytest.mark.parametrize(("server", "expected"), [
    ("58.176.0.1", [("XB703", "error")]),
    ("114.114.114.114", []),
    ("frps.example.com", [("XB703", "warning")]),
    ("frps.edge.svc.cluster.local", []),
])
def test_frp_server_from_mounted_configmap(tmp_path, server, expected):
    assert _ids(_scan(tmp_path, FRPC % server)) == expected


def test_domestic_hosts_from_policy(tmp_path):
    r = _scan(tmp_path, FRPC % "frps.corp.example.cn",
              policy="version: 1\ndomestic_hosts: ['*.corp.example.cn']\n")
    assert r.findings == []


TS = """
apiVersion: v1
kind: Pod
metadata: {name: ts}
spec:
  containers:
    - name: tailscale
      image: ghcr.io/tailscale/tailscale:v1.72.1
      env:
        - {name: TS_AUTHKEY, value: tskey-xxx}
        %s
"""


@pytest.mark.parametrize(("extra", "expected"), [
    ("", [("XB702", "error")]),
    ("- {name: TS_EXTRA_ARGS, value: '--login-server=https://114.114.114.114'}", []),
    ("- {name: TS_EXTRA_ARGS, value: '--login-server https://58.176.0.1:443'}",
     [("XB702", "error")]),
    ("- {name: TS_EXTRA_ARGS, value: '--login-server=https://hs.example.org'}",
     [("XB702", "warning")]),
    ("- {name: TS_LOGIN_SERVER, value: 'https://223.5.5.5'}", []),
])
def test_tailscale_login_server(tmp_path, extra, expected):
    assert _ids(_scan(tmp_path, TS % extra)) == expected


def test_netbird_management_url_and_env_from_secret(tmp_path):
    text = """
        apiVersion: v1
        kind: Secret
        metadata: {name: nb}
        data:
          NB_MANAGEMENT_URL: aHR0cHM6Ly8yMjMuNS41LjU6NDQz
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: nb}
        spec:
          template:
            spec:
              containers:
                - name: netbird
                  image: netbirdio/netbird:latest
                  envFrom: [{secretRef: {name: nb}}]
        """
    assert _scan(tmp_path, text).findings == []  # https://223.5.5.5:443 (CN)


def test_openvpn_remote_in_custom_image_via_config_signature(tmp_path):
    text = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: vpn}
        data:
          client.ovpn: |
            client
            dev tun
            proto udp
            remote 18.184.10.10 1194
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: vpn-client}
        spec:
          containers:
            - name: c
              image: corp/base:1
              volumeMounts: [{name: v, mountPath: /vpn}]
          volumes: [{name: v, configMap: {name: vpn}}]
        """
    r = _scan(tmp_path, text)
    assert _ids(r) == [("XB703", "error")]
    assert "18.184.10.10" in r.findings[0].message and "registered to US" in r.findings[0].message


def test_vpn_without_named_peer_is_a_warning(tmp_path):
    text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: wg}
        spec:
          containers:
            - {name: wg, image: "linuxserver/wireguard:latest"}
        """
    assert _ids(_scan(tmp_path, text)) == [("XB703", "warning")]


def test_shell_script_mentioning_a_tool_is_not_running_it(tmp_path):
    text = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: cleanup}
        spec:
          template:
            spec:
              containers:
                - name: c
                  image: bitnami/kubectl:1.30
                  command: ["/bin/sh", "-c", "kubectl delete ns ngrok-operator\\necho tailscale gone"]
        """
    assert _scan(tmp_path, text).findings == []


def test_tailscale_service_and_ingress(tmp_path):
    text = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, annotations: {tailscale.com/expose: "true"}}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web}
        spec: {ingressClassName: tailscale, defaultBackend: {service: {name: web, port: {number: 80}}}}
        """
    r = _scan(tmp_path, text)
    assert sorted((f.check_id, f.resource) for f in r.findings) == [
        ("XB702", "Ingress/web"), ("XB702", "Service/web")]


def test_multicluster_hostname_is_a_warning(tmp_path):
    text = """
        apiVersion: multicluster.linkerd.io/v1alpha2
        kind: Link
        metadata: {name: east, namespace: linkerd-multicluster}
        spec: {gatewayAddress: gw.east.example.com, gatewayPort: "4143"}
        """
    r = _scan(tmp_path, text)
    assert _ids(r) == [("XB805", "warning")]
    assert "cannot prove" in r.findings[0].message


def test_reverse_direction_hong_kong_cluster_to_mainland_peer(tmp_path):
    text = """
        apiVersion: crd.projectcalico.org/v1
        kind: BGPPeer
        metadata: {name: sh-router}
        spec: {peerIP: 114.114.114.114, asNumber: 64512}
        """
    r = _scan(tmp_path, text, policy="version: 1\nkubernetes: {region: cn-hongkong}\n")
    [f] = r.findings
    assert (f.check_id, f.local.cls.value, f.remote.cls.value) == ("XB808", "non-mainland",
                                                                     "mainland")


def test_approved_exit_matches_kubernetes_resource(tmp_path):
    policy = """
        version: 1
        approved_exits:
          - id: cu-iplc
            carrier: china-unicom
            approval: CU-IPLC-2026-0042
            expires: 2099-01-01
            match: {resources: ["BGPPeer/*"]}
        """
    text = "apiVersion: crd.projectcalico.org/v1\nkind: BGPPeer\nmetadata: {name: hk}\n" \
           "spec: {peerIP: 58.176.0.1}\n"
    r = _scan(tmp_path, text, policy=policy)
    # kept in the report as approved (SPEC §9); the exit has no far-end constraint: XB907
    assert [(f.check_id, f.status) for f in r.findings] == [("XB907", "open"),
                                                             ("XB808", "approved")]


# -- suppressions -------------------------------------------------------------------------------
def test_annotation_suppression(tmp_path):
    text = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            exitlint.io/ignore: "XB701,XB702: approved lab proxy, ticket NET-42"
        spec:
          containers: [{name: c, image: "teddysun/xray:1.8.4"}]
        """
    r = _scan(tmp_path, text)
    f = next(f for f in r.findings if f.check_id == "XB701")
    assert f.suppressed and f.suppression_reason == "approved lab proxy, ticket NET-42"
    # XB702 reports nothing on the pod: that ID alone is unused (XB910 per check ID)
    assert sorted((x.check_id, x.resource, x.span.line) for x in r.findings) == [
        ("XB701", "Pod/p", 9), ("XB910", "suppression of XB702", 7)]  # at the annotation


def test_annotation_without_reason_does_not_suppress(tmp_path):
    text = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations: {exitlint.io/ignore: "XB701"}
        spec:
          containers: [{name: c, image: "teddysun/xray:1.8.4"}]
        """
    r = _scan(tmp_path, text)
    assert sorted((f.check_id, f.suppressed) for f in r.findings) == [("XB701", False),
                                                                       ("XB903", False)]
    hygiene = next(f for f in r.findings if f.check_id == "XB903")
    assert hygiene.span.line == 6


def test_comment_suppression_before_document(tmp_path):
    text = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: other}
        ---
        # exitlint:ignore XB701 reason="isolated test cluster" until=2099-01-01
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: c, image: "teddysun/xray:1.8.4"}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: q}
        spec:
          containers: [{name: c, image: "teddysun/xray:1.8.4"}]
        """
    r = _scan(tmp_path, text)
    assert sorted((f.resource, f.suppressed) for f in r.findings) == [("Pod/p", True),
                                                                       ("Pod/q", False)]


def test_expired_and_unknown_suppressions_are_findings(tmp_path):
    text = """
        # exitlint:ignore XB701 reason="old" until=2020-01-01
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations: {exitlint.io/ignore: "XB799: nothing"}
        spec:
          containers: [{name: c, image: "teddysun/xray:1.8.4"}]
        """
    r = _scan(tmp_path, text, today=dt.date(2026, 1, 1))
    assert sorted(f.check_id for f in r.findings) == ["XB701", "XB904", "XB905"]
    assert not any(f.suppressed for f in r.findings)


def test_disabled_check(tmp_path):
    r = _scan(tmp_path, SS % "", policy="version: 1\nchecks: {XB701: disabled}\n")
    assert r.findings == []


# -- frpc's server flag (frp's proxy subcommands: `frpc tcp -s HOST:PORT ...`) ------------------
_FRPC_ARGS = """\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: frpc}}
spec:
  selector: {{matchLabels: {{app: frpc}}}}
  template:
    metadata: {{labels: {{app: frpc}}}}
    spec:
      containers:
        - name: frpc
          image: snowdreamtech/frpc:0.58.0
          args: [tcp, {flag}, "{server}", --local_port, "22", --remote_port, "6000"]
"""


@pytest.mark.parametrize("flag", ["-s", "--server_addr"])
def test_frpc_server_flag_abroad_is_an_error_at_the_container(tmp_path, flag):
    r = _scan(tmp_path, _FRPC_ARGS.format(flag=flag, server="18.184.10.10:7000"))
    [f] = [f for f in r.findings if f.check_id == "XB703"]
    assert f.severity.value == "error" and f.remote is not None
    assert f.remote.value == "18.184.10.10" and f.span.line == 11  # the container's image
    assert "argument 18.184.10.10:7000 18.184.10.10 is" in f.message


@pytest.mark.parametrize("server", ["frps.tunnels.svc.cluster.local:7000", "10.1.2.3",
                                    "fd00::7"])
def test_frpc_server_flag_inside_the_cluster_or_private_is_not_an_error(tmp_path, server):
    r = _scan(tmp_path, _FRPC_ARGS.format(flag="-s", server=server))
    assert not [f for f in r.findings if f.severity.value == "error"], r.findings


def test_frpc_server_flag_equal_to_the_host_is_named_once(tmp_path):
    r = _scan(tmp_path, _FRPC_ARGS.format(flag="-s", server="18.184.10.10"))
    [f] = [f for f in r.findings if f.check_id == "XB703"]
    assert "argument 18.184.10.10 is registered" in f.message
