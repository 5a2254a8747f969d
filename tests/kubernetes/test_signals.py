"""Issue 13 items 5 and 7: WireGuard operators' resources, frp's `{{ .Envs.NAME }}` templating,
Secrets as places where endpoints live, workloads behind a foreign proxy (XB707), and remote
cluster control (XB809) through Rancher agents and kubeconfigs kept in Secrets."""

from __future__ import annotations

import base64
import textwrap
from pathlib import Path

import pytest
from exitlint.app import ScanOptions, scan

HK = "version: 1\nkubernetes: {region: cn-hongkong}\n"
SHANGHAI = "version: 1\nkubernetes: {region: cn-shanghai}\n"


def _scan(tmp_path: Path, text: str, policy: str | None = None):
    (tmp_path / "m.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    opts = ScanOptions(paths=[tmp_path], base=tmp_path)
    if policy is not None:
        (tmp_path / ".exitlint.yaml").write_text(policy, encoding="utf-8")
        opts.policy_path = tmp_path / ".exitlint.yaml"
    return scan(opts)


def _ids(result) -> list[tuple[str, str]]:
    assert result.errors == []
    return sorted((f.check_id, f.severity.value) for f in result.findings if not f.suppressed)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# -- 5a WireGuard operator resources ----------------------------------------------------------
WG_SERVER = """
apiVersion: vpn.wireguard-operator.io/v1alpha1
kind: Wireguard
metadata: {name: vpn, namespace: vpn}
spec: {address: "%s", serviceType: LoadBalancer}
"""


@pytest.mark.parametrize(("address", "policy", "expected"), [
    ("18.184.10.10", None, [("XB703", "error")]),
    ("2a05:d014::10", None, [("XB703", "error")]),  # IPv6 in Ireland
    ("114.114.114.114", None, []),
    ("10.0.0.7", None, []),  # private: internal
    ("vpn.example.org", None, [("XB703", "warning")]),  # a host name cannot be placed
    ("114.114.114.114", HK, [("XB703", "error")]),  # Hong Kong cluster, mainland address
    ("18.184.10.10", HK, []),
])
def test_wireguard_operator_server_address(tmp_path, address, policy, expected):
    assert _ids(_scan(tmp_path, WG_SERVER % address, policy)) == expected


def test_wireguard_operator_of_another_group_is_not_read(tmp_path):
    text = (WG_SERVER % "18.184.10.10").replace("vpn.wireguard-operator.io", "example.com")
    assert _ids(_scan(tmp_path, text)) == []


def test_wireguard_peer_status_config_endpoint(tmp_path):
    text = """
        apiVersion: vpn.wireguard-operator.io/v1alpha1
        kind: WireguardPeer
        metadata: {name: laptop, namespace: vpn}
        spec: {wireguardRef: vpn, address: 10.8.0.2}
        status:
          config: |
            [Interface]
            Address = 10.8.0.2/32
            [Peer]
            Endpoint = %s:51820
        """
    assert _ids(_scan(tmp_path, text % "18.184.10.10")) == [("XB703", "error")]
    assert _ids(_scan(tmp_path, text % "114.114.114.114")) == []


# -- 5b frp's own templating ------------------------------------------------------------------
FRP = """
apiVersion: v1
kind: ConfigMap
metadata: {name: frpc, namespace: ops}
data:
  frpc.toml: |
    serverAddr = "{{ .Envs.FRPS_HOST }}"
    serverPort = 7000
    [[proxies]]
    name = "web"
    type = "tcp"
    localPort = 80
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frpc, namespace: ops}
spec:
  template:
    spec:
      containers:
        - name: frpc
          image: fatedier/frpc:v0.61.0
          %s
          volumeMounts: [{name: conf, mountPath: /etc/frp}]
      volumes: [{name: conf, configMap: {name: frpc}}]
"""


@pytest.mark.parametrize(("env", "expected"), [
    ("env: [{name: FRPS_HOST, value: 18.184.10.10}]", [("XB703", "error")]),
    ("env: [{name: FRPS_HOST, value: '2a05:d014::10'}]", [("XB703", "error")]),
    ("env: [{name: FRPS_HOST, value: 114.114.114.114}]", []),
    ("env: [{name: FRPS_HOST, value: 192.168.1.20}]", []),
    ("env: [{name: FRPS_HOST, value: frps.ops.svc.cluster.local}]", []),
    # unresolved: the variable is not set anywhere in the manifests, the peer is not named
    ("env: [{name: OTHER, value: 18.184.10.10}]", [("XB703", "warning")]),
])
def test_frp_env_template_resolved_from_env(tmp_path, env, expected):
    assert _ids(_scan(tmp_path, FRP % env)) == expected


def test_frp_env_template_from_secret_envfrom_and_key_ref(tmp_path):
    secret = f"""
        apiVersion: v1
        kind: Secret
        metadata: {{name: frps, namespace: ops}}
        data: {{FRPS_HOST: {_b64('18.184.10.10')}}}
        ---"""
    r = _scan(tmp_path, textwrap.dedent(secret) + FRP % "envFrom: [{secretRef: {name: frps}}]")
    assert _ids(r) == [("XB703", "error")]
    [f] = r.findings
    assert f.remote.value == "18.184.10.10"
    ref = "env: [{name: FRPS_HOST, valueFrom: {secretKeyRef: {name: frps, key: FRPS_HOST}}}]"
    r = _scan(tmp_path, textwrap.dedent(secret) + FRP % ref)
    assert _ids(r) == [("XB703", "error")]


# -- 5c Secrets are places where endpoints live -------------------------------------------------
WG_CONF = "[Interface]\nAddress = 10.9.0.2/32\n[Peer]\nEndpoint = {peer}:51820\nAllowedIPs = 10.10.0.0/16\n"
WG_POD = """
---
apiVersion: v1
kind: Pod
metadata: {name: wg, namespace: net}
spec:
  containers:
    - name: wg
      image: linuxserver/wireguard:latest
      volumeMounts: [{name: conf, mountPath: /config/wg_confs}]
  volumes: [{name: conf, secret: {secretName: wg}}]
"""


@pytest.mark.parametrize(("peer", "expected"), [
    ("18.184.10.10", [("XB703", "error")]),
    ("[2a05:d014::10]", [("XB703", "error")]),
    ("114.114.114.114", []),
    ("172.16.4.4", []),
])
def test_secret_data_base64_mounted(tmp_path, peer, expected):
    secret = f"""
        apiVersion: v1
        kind: Secret
        metadata: {{name: wg, namespace: net}}
        data:
          wg0.conf: {_b64(WG_CONF.format(peer=peer))}"""
    assert _ids(_scan(tmp_path, textwrap.dedent(secret) + WG_POD)) == expected


def test_secret_string_data_wins_over_data_and_is_located(tmp_path):
    secret = f"""
        apiVersion: v1
        kind: Secret
        metadata: {{name: wg, namespace: net}}
        data:
          wg0.conf: {_b64(WG_CONF.format(peer='114.114.114.114'))}
        stringData:
          wg0.conf: |
            [Peer]
            Endpoint = 18.184.10.10:51820"""
    r = _scan(tmp_path, textwrap.dedent(secret) + WG_POD)
    assert _ids(r) == [("XB703", "error")]
    [f] = r.findings
    assert any("Secret/net/wg key wg0.conf" in o.what for o in f.related)


# -- 5d HTTP(S)_PROXY abroad: XB707, a warning ------------------------------------------------------
PROXY = """
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: web}
spec:
  containers:
    - name: app
      image: registry.example.cn/acme/app:1.0
      env: [{name: %s, value: "%s"}]
"""


@pytest.mark.parametrize(("name", "value", "policy", "expected"), [
    ("HTTPS_PROXY", "http://18.184.10.10:3128", None, [("XB707", "warning")]),
    ("https_proxy", "http://18.184.10.10:3128", None, [("XB707", "warning")]),
    ("HTTP_PROXY", "18.184.10.10:8080", SHANGHAI, [("XB707", "warning")]),
    ("ALL_PROXY", "socks5://[2a05:d014::10]:1080", None, [("XB707", "warning")]),
    ("all_proxy", "socks5h://user:pw@18.184.10.10:1080", None, [("XB707", "warning")]),
    # in-cluster, private, domestic, unknown: nothing
    ("HTTPS_PROXY", "http://squid.egress.svc:3128", None, []),
    ("HTTPS_PROXY", "http://squid.egress.svc.cluster.local:3128", None, []),
    ("HTTPS_PROXY", "http://10.1.2.3:3128", None, []),
    ("HTTPS_PROXY", "http://114.114.114.114:3128", None, []),
    ("HTTPS_PROXY", "http://proxy.example.org:3128", None, []),
    ("HTTPS_PROXY", "", None, []),
    ("NO_PROXY", "18.184.10.10", None, []),
    # a workload outside the mainland may use any proxy
    ("HTTPS_PROXY", "http://18.184.10.10:3128", HK, []),
    ("HTTPS_PROXY", "http://114.114.114.114:3128", HK, []),
])
def test_foreign_proxy(tmp_path, name, value, policy, expected):
    assert _ids(_scan(tmp_path, PROXY % (name, value), policy)) == expected


def test_foreign_proxy_by_host_listed_foreign(tmp_path):
    policy = "version: 1\nforeign_hosts: ['*.proxy.example.com']\n"
    r = _scan(tmp_path, PROXY % ("HTTPS_PROXY", "http://fra.proxy.example.com:3128"), policy)
    assert _ids(r) == [("XB707", "warning")]


def test_foreign_proxy_through_envfrom_configmap(tmp_path):
    text = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: proxy, namespace: web}
        data: {HTTPS_PROXY: "http://18.184.10.10:3128"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: sync, namespace: web}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: sync
                      image: registry.example.cn/acme/sync:1.0
                      envFrom: [{configMapRef: {name: proxy}}]
        """
    r = _scan(tmp_path, text)
    assert _ids(r) == [("XB707", "warning")]
    [f] = r.findings
    assert f.resource == "CronJob/web/sync"
    assert "traffic" in f.message and "18.184.10.10" in f.message
    assert any("ConfigMap/web/proxy key HTTPS_PROXY" in o.what for o in f.related)


def test_foreign_proxy_unresolved_configmap_raises_nothing(tmp_path):
    text = """
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          containers:
            - name: app
              image: registry.example.cn/acme/app:1.0
              envFrom: [{configMapRef: {name: not-in-the-scan}}]
        """
    assert _ids(_scan(tmp_path, text)) == []


# -- 7 remote cluster control (XB809) -----------------------------------------------------------
RANCHER = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: cattle-cluster-agent, namespace: cattle-system}
spec:
  template:
    spec:
      containers:
        - name: cluster-register
          image: rancher/rancher-agent:v2.9.2
          env:
            - {name: CATTLE_SERVER, value: "%s"}
            - {name: CATTLE_CA_CHECKSUM, value: abc}
"""


@pytest.mark.parametrize(("server", "policy", "expected"), [
    ("https://18.184.10.10", None, [("XB809", "error")]),
    ("https://[2a05:d014::10]:443", None, [("XB809", "error")]),
    ("https://114.114.114.114", None, []),
    ("https://10.0.0.9", None, []),
    ("https://rancher.example.org", None, [("XB809", "warning")]),
    ("https://114.114.114.114", HK, [("XB809", "error")]),
])
def test_rancher_agent_server(tmp_path, server, policy, expected):
    assert _ids(_scan(tmp_path, RANCHER % server, policy)) == expected


def test_rancher_agent_server_from_secret(tmp_path):
    text = f"""
        apiVersion: v1
        kind: Secret
        metadata: {{name: cattle-credentials, namespace: cattle-system}}
        data: {{url: {_b64('https://18.184.10.10')}}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {{name: cattle-node-agent, namespace: cattle-system}}
        spec:
          template:
            spec:
              containers:
                - name: agent
                  image: rancher/rancher-agent:v2.9.2
                  env:
                    - name: CATTLE_SERVER
                      valueFrom: {{secretKeyRef: {{name: cattle-credentials, key: url}}}}
        """
    r = _scan(tmp_path, text)
    assert _ids(r) == [("XB809", "error")]
    assert [o.what for o in r.findings[0].related] == ["Secret/cattle-system/cattle-credentials key url"]


KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
  - name: remote
    cluster:
      certificate-authority-data: LS0t
      server: %s
contexts:
  - name: remote
    context: {cluster: remote, user: deployer}
current-context: remote
"""


@pytest.mark.parametrize(("server", "expected"), [
    ("https://18.184.10.10:6443", [("XB809", "error")]),
    ("https://[2a05:d014::10]:6443", [("XB809", "error")]),
    ("https://114.114.114.114:6443", []),
    ("https://kubernetes.default.svc", []),
    ("https://192.168.10.1:6443", []),
    ("https://api.eu.example.org:6443", [("XB809", "warning")]),
])
def test_kubeconfig_in_secret(tmp_path, server, expected):
    encoded = _b64(KUBECONFIG % server)
    text = f"""
        apiVersion: v1
        kind: Secret
        metadata: {{name: deployer-kubeconfig, namespace: ci}}
        data: {{kubeconfig: {encoded}}}
        """
    assert _ids(_scan(tmp_path, text)) == expected


def test_kubeconfig_in_string_data_and_argo_cluster_secret_report_once(tmp_path):
    text = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: eu-cluster
          namespace: argocd
          labels: {argocd.argoproj.io/secret-type: cluster}
        stringData:
          server: https://18.184.10.10:6443
          config: |
            clusters:
              - cluster:
                  server: https://18.184.10.10:6443
        """
    r = _scan(tmp_path, text)
    assert _ids(r) == [("XB809", "error")]


def test_secret_without_a_kubeconfig_is_not_read_as_one(tmp_path):
    text = """
        apiVersion: v1
        kind: Secret
        metadata: {name: app, namespace: web}
        stringData:
          app.yaml: |
            server: https://18.184.10.10
            retries: 3
        """
    assert _ids(_scan(tmp_path, text)) == []


@pytest.mark.parametrize(("marks", "check"), [
    ("  labels: {istio/multiCluster: 'true'}\n", "XB804"),
    ("type: mirror.linkerd.io/remote-kubeconfig\n", "XB805"),
])
def test_kubeconfig_of_a_mesh_is_the_mesh_checks(tmp_path, marks, check):
    # a label goes under metadata, a type after it
    meta = "metadata:\n  name: remote\n  namespace: mesh\n" + marks
    text = ("apiVersion: v1\nkind: Secret\n" + meta + "stringData:\n  remote: |\n"
            + textwrap.indent(KUBECONFIG % "https://18.184.10.10:6443", "    "))
    assert _ids(_scan(tmp_path, text)) == [(check, "error")]
