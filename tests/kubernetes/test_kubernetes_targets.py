"""Kubernetes checks are data: targets in checks/kubernetes/*.yaml run by named detectors; no
check ID in the Kubernetes front end; findings whose remote end came from a ConfigMap or Secret
carry that key as `related`."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from exitlint.app import ScanOptions, scan
from exitlint.engine.catalog import load_checks
from exitlint.kubernetes.paths import parse_path
from exitlint.engine.detectors import EVALUATORS as DETECTORS
from exitlint.model import Origin

ROOT = Path(__file__).resolve().parents[2]
K8S_CHECKS = sorted((ROOT / "checks" / "kubernetes").glob("*.yaml"))


def _scan(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return scan(ScanOptions(paths=[tmp_path], base=tmp_path))


def test_no_check_id_in_the_kubernetes_front_end():
    """No check ID as a value in the code (docstrings may show one in an example comment)."""
    for path in (ROOT / "linter" / "kubernetes").glob("*.py"):
        assert not re.search(r"[\"']XB\d{3}[\"']", path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("check_file", K8S_CHECKS, ids=lambda p: p.stem)
def test_targets_name_known_detectors(check_file: Path):
    raw = yaml.safe_load(check_file.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas" / "check.schema.json").read_text(encoding="utf-8"))
    enum = set(schema["$defs"]["target"]["properties"]["evaluator"]["enum"])
    for target in raw["targets"]:
        detector = target.get("evaluator", "link")
        assert detector in DETECTORS and detector in enum
        assert target["kinds"]
        for spec in target.get("remote", []):
            parse_path(spec["endpoint"])  # every path parses
        for other in target.get("yields_to", []):
            assert load_checks().get(other) is not None


def test_kinds_come_from_targets_and_cover_what_is_detected():
    """XB806 used to list its kinds by hand and missed WgGatewayClient."""
    check = load_checks().get("XB806")
    assert check is not None
    kinds = {k for t in check.targets for k in t.types}
    assert {"ForeignCluster", "GatewayClient", "WgGatewayClient"} <= kinds
    page = (ROOT / "docs" / "checks" / "XB806.md").read_text(encoding="utf-8")
    assert "`WgGatewayClient`" in page


def test_wg_gateway_client_is_detected(tmp_path):
    result = _scan(tmp_path, {"liqo.yaml": """\
        apiVersion: networking.liqo.io/v1beta1
        kind: WgGatewayClient
        metadata: {name: to-frankfurt, namespace: liqo}
        spec:
          endpoint:
            addresses: [18.184.10.10]
            port: 51840
        """})
    [hit] = result.findings
    assert (hit.check_id, hit.severity.value, hit.span.line) == ("XB806", "error", 6)
    assert "WgGatewayClient opens a Liqo WireGuard tunnel" in hit.message


def test_quoted_annotation_paths(tmp_path):
    result = _scan(tmp_path, {"node.yaml": """\
        apiVersion: v1
        kind: Node
        metadata:
          name: edge-1
          annotations:
            kilo.squat.ai/force-endpoint: 18.184.10.10:51820
        """})
    [hit] = result.findings
    assert hit.check_id == "XB807" and "annotation kilo.squat.ai/force-endpoint" in hit.message


WG_CONFIG = """\
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: wg, namespace: net}
    data:
      wg0.conf: |
        [Peer]
        PublicKey = GtL7fZc/bLnqZldpVofMCD6hDjrK28SsdLxevJ+qtKU=
        Endpoint = 18.184.10.10:51820
    """
WG_POD = """\
    apiVersion: v1
    kind: Pod
    metadata: {name: wg, namespace: net}
    spec:
      containers:
        - name: wg
          image: linuxserver/wireguard
          volumeMounts: [{name: conf, mountPath: /config}]
      volumes:
        - name: conf
          configMap: {name: wg}
    """


def test_a_peer_from_a_mounted_configmap_is_related(tmp_path):
    result = _scan(tmp_path, {"config/wg.yaml": WG_CONFIG, "apps/pod.yaml": WG_POD})
    [hit] = result.findings
    assert hit.check_id == "XB703" and hit.span.file == "apps/pod.yaml"
    assert hit.related == (Origin("config/wg.yaml", 5, "ConfigMap/net/wg key wg0.conf"),)


def test_a_peer_from_env_from_a_secret_is_related(tmp_path):
    result = _scan(tmp_path, {"all.yaml": """\
        apiVersion: v1
        kind: Secret
        metadata: {name: frp, namespace: net}
        stringData:
          FRP_SERVER_ADDR: 18.184.10.10
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: frpc, namespace: net}
        spec:
          containers:
            - name: frpc
              image: fatedier/frpc:v0.58.0
              envFrom: [{secretRef: {name: frp}}]
        """})
    [hit] = result.findings
    assert hit.check_id == "XB703"
    assert hit.related == (Origin("all.yaml", 5, "Secret/net/frp key FRP_SERVER_ADDR"),)


def test_a_peer_written_in_place_has_no_related(tmp_path):
    result = _scan(tmp_path, {"pod.yaml": """\
        apiVersion: v1
        kind: Pod
        metadata: {name: frpc}
        spec:
          containers:
            - name: frpc
              image: fatedier/frpc
              env: [{name: FRP_SERVER_ADDR, value: 18.184.10.10}]
        """})
    [hit] = result.findings
    assert hit.check_id == "XB703" and hit.related == ()


def test_weak_signals_yield_to_a_named_tunnel(tmp_path):
    """XB704-XB706 declare `yields_to: [XB701, XB702, XB703]`: a WireGuard pod with a tun
    device, a WireGuard hostPort and ip_forward gives the one strong finding."""
    result = _scan(tmp_path, {"pod.yaml": """\
        apiVersion: v1
        kind: Pod
        metadata: {name: wg}
        spec:
          securityContext:
            sysctls: [{name: net.ipv4.ip_forward, value: "1"}]
          containers:
            - name: wg
              image: linuxserver/wireguard
              env: [{name: WG_ENDPOINT, value: "18.184.10.10:51820"}]
              securityContext: {capabilities: {add: [NET_ADMIN]}}
              ports: [{containerPort: 51820, hostPort: 51820, protocol: UDP}]
              volumeMounts: [{name: tun, mountPath: /dev/net/tun}]
          volumes:
            - name: tun
              hostPath: {path: /dev/net/tun}
        """})
    assert [f.check_id for f in result.findings] == ["XB703"]
    weak = [t for c in ("XB704", "XB705", "XB706") for t in load_checks().checks[c].targets
            if t.types != ("Service",)]
    assert all(t.yields_to == ("XB701", "XB702", "XB703") for t in weak)


# -- objects are Subjects; pod facts are paths --------------------------------------------------
def _objects(text: str):
    from exitlint.kubernetes.objects import ConfigIndex, config_source, objects_in, pod_spec
    from exitlint.kubernetes.pods import PodFacts, pod_containers
    from exitlint.kubernetes.yaml_positions import parse_yaml

    objs = list(objects_in(parse_yaml(textwrap.dedent(text)), "m.yaml"))
    configs = ConfigIndex()
    for o in objs:
        src = config_source(o)
        if src is not None:
            configs.add(src)
    for o in objs:
        spec = pod_spec(o)
        if spec is not None:
            o.facts = PodFacts(spec, pod_containers(o, spec, configs))
    return {o.kind: o for o in objs}


def test_pod_facts_are_values_at_paths():
    objs = _objects("""\
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: vpn, namespace: net}
        data:
          SERVER: 18.184.10.10
          client.conf: |
            client
            remote vpn.example.de 1194
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: vpn, namespace: net}
        spec:
          template:
            spec:
              securityContext:
                sysctls: [{name: net.ipv4.ip_forward, value: "1"}]
              containers:
                - name: vpn
                  image: kylemanna/openvpn
                  command: [sh, -c, "openvpn --remote $(SERVER) --config /etc/vpn/client.conf"]
                  envFrom: [{configMapRef: {name: vpn}}]
                  ports: [{containerPort: 1194, hostPort: 1194, protocol: UDP}]
                  volumeMounts: [{name: conf, mountPath: /etc/vpn}]
                - name: cni
                  image: docker.io/calico/node:v3.27
              volumes:
                - name: conf
                  configMap: {name: vpn}
        """)
    d = objs["Deployment"]
    assert (d.platform, d.type, d.address, d.root) == ("kubernetes", "Deployment",
                                                       "Deployment/net/vpn", None)
    assert [v for v, _ in d.values("containers[].image")] == ["kylemanna/openvpn",
                                                               "docker.io/calico/node:v3.27"]
    assert [v for v, _ in d.values("containers[].system")] == [False, True]
    argv = [v for v, _ in d.values("containers[].argv")]
    assert argv[:5] == ["sh", "-c", "openvpn", "--remote", "18.184.10.10"]  # $(VAR), shell split
    assert d.values("containers[].env.SERVER") == [("18.184.10.10", 22)]  # the envFrom line
    assert d.origins("containers[0].env.SERVER") == (
        Origin("m.yaml", 5, "ConfigMap/net/vpn key SERVER"),)
    texts = [v for v, _ in d.values("containers[].config_texts")]
    assert any("remote vpn.example.de" in t for t in texts)
    assert [v for v, _ in d.values("pod.sysctls")] == ["net.ipv4.ip_forward=1"]
    assert [v for v, _ in d.values("ports[].hostPort")] == ["1194/UDP"]
    # the manifest itself stays addressable by the same path language
    assert d.get("metadata.name") == "vpn"
    assert d.attr_line("spec.template.spec.containers[1].image") == 26
    cm = objs["ConfigMap"]
    assert cm.values("config.SERVER") == [("18.184.10.10", 5)]


# -- tunnel tools added as data only ------------------------------------------------------------
EXPECTED = sorted((ROOT / "examples" / "kubernetes").glob("*/expected.yaml"))


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.parent.name)
def test_example_findings_match_expected(expected: Path):
    """bore and rathole were added with a software.yaml entry (and a vendor host), two examples
    and this file: no Python."""
    listed = yaml.safe_load(expected.read_text(encoding="utf-8"))["findings"]
    bad = expected.parent / "noncompliant"
    got = scan(ScanOptions(paths=[bad], base=bad))
    assert sorted((f.check_id, f.severity.value, f.resource, f.span.file) for f in got.findings) \
        == sorted((e["check_id"], e["severity"], e["resource"], e["file"]) for e in listed)
    good = expected.parent / "compliant"
    assert scan(ScanOptions(paths=[good], base=good)).findings == []


def test_a_tool_known_only_by_its_configuration_is_recognised(tmp_path):
    """rathole's config_signatures identify it in an unknown image, and the peer is found by
    the shared `remote_addr` peer syntax."""
    result = _scan(tmp_path, {"r.yaml": """\
        apiVersion: v1
        kind: Secret
        metadata: {name: tunnel}
        stringData:
          client.toml: |
            [client]
            remote_addr = "18.184.10.10:2333"
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: tunnel}
        spec:
          containers:
            - name: t
              image: registry.example.cn/ops/tunnel-agent:1
              volumeMounts: [{name: c, mountPath: /etc/t}]
          volumes: [{name: c, secret: {secretName: tunnel}}]
        """})
    [hit] = result.findings
    assert hit.check_id == "XB703" and "rathole configuration in Secret/tunnel" in hit.message
    assert hit.related == (Origin("r.yaml", 5, "Secret/tunnel key client.toml"),)
