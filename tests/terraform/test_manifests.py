"""Kubernetes objects declared through Terraform (`kubernetes_manifest.manifest`, an HCL object;
`kubectl_manifest.yaml_body`, YAML text): every Kubernetes check target judges them like the
objects themselves, located at the Terraform line that wrote the value, with the chain behind it;
what cannot be read is an XB790 warning, never silence."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from exitlint.app import ScanOptions, scan

STACK = {
    "shanghai": 'provider "alicloud" {\n  region = "cn-shanghai"\n}\n'
                'resource "alicloud_vpc" "v" {\n  cidr_block = "10.0.0.0/8"\n}\n',
    "hongkong": 'provider "alicloud" {\n  region = "cn-hongkong"\n}\n'
                'resource "alicloud_vpc" "v" {\n  cidr_block = "10.0.0.0/8"\n}\n',
}
FOREIGN = "18.184.10.10"  # registered to US
DOMESTIC = "114.114.114.114"  # registered to CN


def _scan(tmp_path: Path, text: str, stack: str = "shanghai", files: dict[str, str] | None = None,
          **opts):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "main.tf").write_text(STACK[stack] + textwrap.dedent(text), encoding="utf-8")
    for name, body in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return scan(ScanOptions(paths=[tmp_path], base=tmp_path, **opts))


def _ids(result) -> list[tuple[str, str, str]]:
    assert result.errors == []
    return sorted((f.check_id, f.severity.value, f.resource) for f in result.findings)


# -- one object, written both ways ----------------------------------------------------------------
def _hcl(value, indent: int = 2) -> str:
    """A plain value as an HCL expression (keys quoted: labels hold dots and slashes)."""
    pad = " " * indent
    if isinstance(value, dict):
        inner = "".join(f'{pad}  {json.dumps(k)} = {_hcl(v, indent + 2)}\n'
                        for k, v in value.items())
        return "{\n" + inner + pad + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_hcl(v, indent) for v in value) + "]"
    return json.dumps(value)


def kubernetes_manifest(obj: dict, name: str = "x") -> str:
    return f'resource "kubernetes_manifest" "{name}" {{\n  manifest = {_hcl(obj)}\n}}\n'


def kubectl_manifest(obj: dict, name: str = "x") -> str:
    body = yaml.safe_dump(obj, sort_keys=False)
    return f'resource "kubectl_manifest" "{name}" {{\n  yaml_body = <<-YAML\n' + \
        textwrap.indent(body, "    ") + "  YAML\n}\n"


WRITERS = {"kubernetes_manifest": kubernetes_manifest, "kubectl_manifest": kubectl_manifest}


def submariner(peer: str) -> dict:
    return {"apiVersion": "submariner.io/v1alpha1", "kind": "Submariner",
            "metadata": {"name": "submariner", "namespace": "submariner-operator"},
            "spec": {"broker": "k8s", "brokerK8sApiServer": f"{peer}:6443",
                     "clusterID": "sh-prod"}}


def skupper_link(peer: str) -> dict:
    return {"apiVersion": "skupper.io/v2alpha1", "kind": "Link",
            "metadata": {"name": "to-remote"},
            "spec": {"endpoints": [{"name": "inter-router", "host": peer, "port": "55671"}]}}


def liqo(peer: str) -> dict:
    return {"apiVersion": "core.liqo.io/v1beta1", "kind": "ForeignCluster",
            "metadata": {"name": "remote"},
            "spec": {"clusterID": "remote", "foreignAuthUrl": f"https://{peer}:443"}}


def karmada(peer: str) -> dict:
    return {"apiVersion": "cluster.karmada.io/v1alpha1", "kind": "Cluster",
            "metadata": {"name": "member"},
            "spec": {"syncMode": "Push", "apiEndpoint": f"https://{peer}:6443"}}


def argocd_secret(peer: str) -> dict:
    return {"apiVersion": "v1", "kind": "Secret",
            "metadata": {"name": "member", "namespace": "argocd",
                         "labels": {"argocd.argoproj.io/secret-type": "cluster"}},
            "type": "Opaque",
            "stringData": {"name": "member", "server": f"https://{peer}:6443"}}


def kubeconfig_secret(peer: str) -> dict:
    kubeconfig = (f"apiVersion: v1\nkind: Config\nclusters:\n- name: member\n  cluster:\n"
                  f"    server: https://{peer}:6443\ncontexts: []\n")
    return {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "member-kubeconfig"},
            "stringData": {"kubeconfig": kubeconfig}}


def tailscale_connector(_: str) -> dict:
    return {"apiVersion": "tailscale.com/v1alpha1", "kind": "Connector",
            "metadata": {"name": "office"},
            "spec": {"subnetRouter": {"advertiseRoutes": ["10.0.0.0/8"]}}}


def cloudflared_tunnel(_: str) -> dict:
    return {"apiVersion": "networking.cfargotunnel.com/v1alpha1", "kind": "Tunnel",
            "metadata": {"name": "edge", "namespace": "cloudflare"},
            "spec": {"cloudflare": {"domain": "example.com"}}}


LINKS = [("XB801", submariner), ("XB802", skupper_link), ("XB806", liqo), ("XB809", karmada),
         ("XB809", argocd_secret), ("XB809", kubeconfig_secret)]


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(("check", "build"), LINKS, ids=lambda v: getattr(v, "__name__", v))
def test_link_objects_across_the_border(tmp_path, writer, check, build):
    bad = _scan(tmp_path / "bad", WRITERS[writer](build(FOREIGN)))
    assert _ids(bad) == [(check, "error", f"{writer}.x")]
    [f] = bad.findings
    assert f.local.cls.value == "mainland" and f.remote.cls.value == "non-mainland"
    assert f.remote.value == FOREIGN and f.kind == "terraform"
    assert _ids(_scan(tmp_path / "good", WRITERS[writer](build(DOMESTIC)))) == []
    assert _ids(_scan(tmp_path / "private", WRITERS[writer](build("10.1.2.3")))) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("build", [tailscale_connector, cloudflared_tunnel])
def test_foreign_edge_operator_objects(tmp_path, writer, build):
    text = WRITERS[writer](build(""))
    assert _ids(_scan(tmp_path / "sh", text)) == [("XB702", "error", f"{writer}.x")]
    # a Hong Kong stack has both ends outside the mainland: nothing to report
    assert _ids(_scan(tmp_path / "hk", text, stack="hongkong")) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_hong_kong_stack_to_a_mainland_peer_crosses(tmp_path, writer):
    bad = _scan(tmp_path, WRITERS[writer](karmada(DOMESTIC)), stack="hongkong")
    assert _ids(bad) == [("XB809", "error", f"{writer}.x")]
    assert bad.findings[0].local.cls.value == "non-mainland"
    assert bad.findings[0].remote.cls.value == "mainland"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_ipv6_peer(tmp_path, writer):
    obj = karmada("[2a05:d014::10]")
    assert _ids(_scan(tmp_path, WRITERS[writer](obj))) == [("XB809", "error", f"{writer}.x")]


# -- where the finding is, and the chain behind it --------------------------------------------------
def test_finding_is_at_the_key_written_in_the_hcl_object(tmp_path):
    text = kubernetes_manifest(karmada(FOREIGN))
    [f] = _scan(tmp_path, text).findings
    lines = (STACK["shanghai"] + text).splitlines()
    assert "apiEndpoint" in lines[f.span.line - 1]
    assert f.span.file == "main.tf"


def test_finding_is_at_the_line_inside_an_inline_heredoc(tmp_path):
    text = kubectl_manifest(argocd_secret(FOREIGN))
    [f] = _scan(tmp_path, text).findings
    lines = (STACK["shanghai"] + text).splitlines()
    assert lines[f.span.line - 1].strip() == f"server: https://{FOREIGN}:6443"


def test_chain_through_a_local_and_a_variable(tmp_path):
    text = """
        variable "peer" {
          default = "https://18.184.10.10:6443"
        }
        locals {
          cluster = { endpoint = var.peer }
        }
        resource "kubernetes_manifest" "member" {
          manifest = {
            apiVersion = "cluster.karmada.io/v1alpha1"
            kind       = "Cluster"
            metadata   = { name = "fra" }
            spec       = { apiEndpoint = local.cluster.endpoint }
          }
        }
        """
    [f] = _scan(tmp_path, text).findings
    assert f.check_id == "XB809" and f.severity.value == "error"
    assert [o.what for o in f.related] == ["local.cluster", 'default of variable "peer"']


def test_workload_from_file_is_judged_by_the_workload_checks(tmp_path):
    """XB701 on a Deployment the kubectl provider applies from a YAML file; the same file is
    also a manifest of the repository (the Kubernetes front end reads it on its own)."""
    files = {"k8s/ss.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ss
        spec:
          template:
            spec:
              containers:
                - name: ss
                  image: teddysun/shadowsocks-libev:3.3.5
        """}
    text = 'resource "kubectl_manifest" "ss" {\n  yaml_body = file("${path.module}/k8s/ss.yaml")\n}\n'
    r = _scan(tmp_path, text, files=files)
    assert _ids(r) == [("XB701", "error", "Deployment/ss"), ("XB701", "error", "kubectl_manifest.ss")]
    [tf] = [f for f in r.findings if f.resource == "kubectl_manifest.ss"]
    assert tf.span.file == "main.tf" and "region of the stack" in tf.message
    clean = files["k8s/ss.yaml"].replace("teddysun/shadowsocks-libev:3.3.5", "nginx:1.27")
    assert _ids(_scan(tmp_path, text, files={"k8s/ss.yaml": clean})) == []


def test_endpoint_from_a_templatefile_points_into_the_yaml_file(tmp_path):
    files = {"cluster.yaml.tftpl": """\
        apiVersion: cluster.karmada.io/v1alpha1
        kind: Cluster
        metadata:
          name: ${name}
        spec:
          apiEndpoint: ${endpoint}
        """}
    text = """
        resource "kubectl_manifest" "member" {
          yaml_body = templatefile("${path.module}/cluster.yaml.tftpl", {
            name     = "fra"
            endpoint = "https://18.184.10.10:6443"
          })
        }
        """
    [f] = _scan(tmp_path, text, files=files).findings
    assert f.check_id == "XB809" and f.span.file == "main.tf"
    assert ("cluster.yaml.tftpl", 6) in [(o.file, o.line) for o in f.related]


# -- what is unresolved, and what cannot be read ---------------------------------------------------
def test_unresolved_variable_in_the_manifest_is_a_warning(tmp_path):
    text = """
        variable "peer" {}
        resource "kubernetes_manifest" "member" {
          manifest = {
            apiVersion = "cluster.karmada.io/v1alpha1"
            kind       = "Cluster"
            metadata   = { name = "fra" }
            spec       = { apiEndpoint = var.peer }
          }
        }
        """
    [f] = _scan(tmp_path, text).findings
    assert (f.check_id, f.severity.value) == ("XB809", "warning")
    assert "var.peer" in f.message and f.remote.cls.value == "unknown"
    # given a value, it is judged
    r = _scan(tmp_path, text, variables=["peer=https://18.184.10.10"])
    assert _ids(r) == [("XB809", "error", "kubernetes_manifest.member")]


def test_unknown_interpolation_in_a_heredoc_is_an_unknown_value(tmp_path):
    """Real configurations write Argo CD cluster Secrets as heredocs whose server comes from a
    data source: the object is read and its server is unknown."""
    text = """
        data "alicloud_kms_secret_versions" "server" {
          secret_name = "member-api"
        }
        resource "kubectl_manifest" "argocd" {
          yaml_body = <<YAML
        apiVersion: v1
        kind: Secret
        metadata:
          name: member
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: cluster
        stringData:
          name: member
          server: ${data.alicloud_kms_secret_versions.server.versions[0].secret_data}
        YAML
        }
        """
    [f] = _scan(tmp_path, text).findings
    assert (f.check_id, f.severity.value) == ("XB809", "warning")
    assert "data.alicloud_kms_secret_versions.server" in f.message


def test_a_secret_with_an_unknown_password_is_no_kubeconfig(tmp_path):
    text = """
        resource "random_password" "db" {
          length = 24
        }
        resource "kubernetes_manifest" "db" {
          manifest = {
            apiVersion = "v1"
            kind       = "Secret"
            metadata   = { name = "db" }
            stringData = { USER = "app", PASSWORD = random_password.db.result }
          }
        }
        """
    assert _ids(_scan(tmp_path, text)) == []


@pytest.mark.parametrize(("body", "says"), [
    ('yaml_body = var.manifest', "yaml_body is unknown (var.manifest"),
    ('yaml_body = "kind: [unclosed"', "not valid YAML"),
    ('yaml_body = "apiVersion: v1\\nkind: ${var.kind}\\nmetadata: {name: x}\\n"', "kind is unknown"),
    ('yaml_body = templatefile("${path.module}/t.yaml.tftpl", { body = var.manifest })',
     "shape"),
])
def test_what_cannot_be_read_is_said(tmp_path, body, says):
    files = {"t.yaml.tftpl": "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n${body}: v\n"}
    text = f'variable "manifest" {{}}\nvariable "kind" {{}}\n' \
        f'resource "kubectl_manifest" "m" {{\n  {body}\n}}\n'
    r = _scan(tmp_path, text, files=files)
    [f] = r.findings
    assert (f.check_id, f.severity.value, f.resource) == ("XB790", "warning", "kubectl_manifest.m")
    assert says in f.message and "not checked" in f.message


def test_unknown_kubernetes_manifest_is_said(tmp_path):
    text = 'variable "obj" {}\nresource "kubernetes_manifest" "m" {\n  manifest = var.obj\n}\n'
    [f] = _scan(tmp_path, text).findings
    assert (f.check_id, f.resource) == ("XB790", "kubernetes_manifest.m")
    # the fix for a manifest, not the one for charts and overlays
    assert "tfvars" in f.fix and "helm" not in f.fix.lower()


def test_multi_document_yaml_body_judges_the_first_and_says_the_rest(tmp_path):
    docs = yaml.safe_dump(karmada(FOREIGN)) + "---\n" + yaml.safe_dump(argocd_secret(FOREIGN))
    text = ('resource "kubectl_manifest" "both" {\n  yaml_body = <<-YAML\n'
            + textwrap.indent(docs, "    ") + "  YAML\n}\n")
    r = _scan(tmp_path, text)
    assert _ids(r) == [("XB790", "warning", "kubectl_manifest.both"),
                       ("XB809", "error", "kubectl_manifest.both")]
    [cut] = [f for f in r.findings if f.check_id == "XB790"]
    assert "2 YAML documents" in cut.message


def test_kubectl_file_documents_for_each(tmp_path):
    """`for_each = data.kubectl_file_documents.x.manifests` with `yaml_body = each.value`: the
    data source is computed from its content, each document is judged."""
    docs = (yaml.safe_dump(karmada(FOREIGN)) + "---\n"
            + yaml.safe_dump(argocd_secret(DOMESTIC)) + "---\n"
            + yaml.safe_dump(submariner(FOREIGN)))
    text = """
        data "kubectl_file_documents" "fleet" {
          content = file("${path.module}/fleet.yaml.tmpl")
        }
        resource "kubectl_manifest" "fleet" {
          for_each  = data.kubectl_file_documents.fleet.manifests
          yaml_body = each.value
        }
        resource "kubectl_manifest" "by_index" {
          count     = length(data.kubectl_file_documents.fleet.documents)
          yaml_body = element(data.kubectl_file_documents.fleet.documents, count.index)
        }
        """
    r = _scan(tmp_path, text, files={"fleet.yaml.tmpl": docs})
    assert _ids(r) == [("XB801", "error", "kubectl_manifest.by_index"),
                       ("XB801", "error", "kubectl_manifest.fleet"),
                       ("XB809", "error", "kubectl_manifest.by_index"),
                       ("XB809", "error", "kubectl_manifest.fleet")]


def test_manifests_through_a_module_input_and_for_each(tmp_path):
    module = """
        variable "members" {
          type = map(string)
        }
        resource "kubernetes_manifest" "member" {
          for_each = var.members
          manifest = {
            apiVersion = "cluster.karmada.io/v1alpha1"
            kind       = "Cluster"
            metadata   = { name = each.key }
            spec       = { apiEndpoint = each.value }
          }
        }
        """
    text = """
        module "karmada" {
          source  = "./karmada"
          members = { fra = "https://18.184.10.10:6443", sha = "https://114.114.114.114:6443" }
        }
        """
    r = _scan(tmp_path, text, files={"karmada/main.tf": module})
    [f] = r.findings
    assert (f.check_id, f.severity.value) == ("XB809", "error")
    assert f.resource == "module.karmada.kubernetes_manifest.member"
    assert f.span.file == "karmada/main.tf"
    assert any(o.what == "argument members of module.karmada" for o in f.related)


def test_suppression_comment_on_the_resource(tmp_path):
    text = '# exitlint:ignore XB809 reason="leased CU line, contract 42"\n' + \
        kubernetes_manifest(karmada(FOREIGN))
    [f] = _scan(tmp_path, text).findings
    assert f.check_id == "XB809" and f.suppressed


def test_plan_json_manifest_objects(tmp_path):
    """A plan holds kubernetes_manifest's object and kubectl_manifest's text as values."""
    plans = Path(__file__).resolve().parents[1] / "data" / "plans"
    doc = json.loads((plans / "xb101-vpn-peer.plan.json").read_text(encoding="utf-8"))
    resources = [
        {"address": "kubernetes_manifest.member", "type": "kubernetes_manifest", "name": "member",
         "provider_name": "registry.terraform.io/hashicorp/kubernetes",
         "values": {"manifest": karmada(FOREIGN)}},
        {"address": "kubectl_manifest.argocd", "type": "kubectl_manifest", "name": "argocd",
         "provider_name": "registry.terraform.io/gavinbunney/kubectl",
         "values": {"yaml_body": yaml.safe_dump(argocd_secret(FOREIGN))}},
        {"address": "kubernetes_secret_v1.east", "type": "kubernetes_secret_v1", "name": "east",
         "provider_name": "registry.terraform.io/hashicorp/kubernetes",
         "values": {"metadata": [{"name": "east", "namespace": "argocd",
                                  "labels": {"argocd.argoproj.io/secret-type": "cluster"}}],
                    "data": {"name": "east", "server": f"https://{FOREIGN}:6443"},
                    "type": "Opaque"}},
    ]
    for res in resources:
        res.update(mode="managed", schema_version=0)
        doc["planned_values"]["root_module"]["resources"].append(res)
        doc["resource_changes"].append(
            {k: res[k] for k in ("address", "mode", "type", "name", "provider_name")}
            | {"change": {"actions": ["create"], "before": None, "after": res["values"],
                          "after_unknown": {}}})
    (tmp_path / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    r = scan(ScanOptions(paths=[tmp_path / "plan.json"], base=tmp_path))
    hits = sorted((f.check_id, f.severity.value, f.resource) for f in r.findings
                  if f.resource.startswith(("kube", "kubectl")))
    assert hits == [("XB809", "error", "kubectl_manifest.argocd"),
                    ("XB809", "error", "kubernetes_manifest.member"),
                    ("XB809", "error", "kubernetes_secret_v1.east")]


# -- typed resources that create one object ---------------------------------------------------------
ARGO_TYPED = """
    variable "server" {
      default = "https://%s:6443"
    }
    resource "kubernetes_secret_v1" "east" {
      metadata {
        name      = "cluster-east"
        namespace = "argocd"
        labels = {
          "argocd.argoproj.io/secret-type" = "cluster"
        }
      }
      data = {
        name   = "east"
        server = var.server
        config = jsonencode({ tlsClientConfig = { insecure = false } })
      }
    }
    """


def test_typed_secret_is_an_argocd_cluster_secret(tmp_path):
    """`data` of a kubernetes_secret is plain text in the provider (the API's stringData)."""
    bad = _scan(tmp_path / "bad", ARGO_TYPED % FOREIGN)
    assert _ids(bad) == [("XB809", "error", "kubernetes_secret_v1.east")]
    [f] = bad.findings
    lines = (STACK["shanghai"] + textwrap.dedent(ARGO_TYPED % FOREIGN)).splitlines()
    assert lines[f.span.line - 1].strip() == "server = var.server"
    assert [o.what for o in f.related] == ['default of variable "server"']
    assert _ids(_scan(tmp_path / "good", ARGO_TYPED % DOMESTIC)) == []


def test_typed_secret_with_a_server_from_a_data_source_is_a_warning(tmp_path):
    text = (ARGO_TYPED % FOREIGN).replace("var.server", "data.alicloud_kms_secrets.api.secrets[0].secret_data")
    [f] = _scan(tmp_path, text).findings
    assert (f.check_id, f.severity.value) == ("XB809", "warning")


SERVICE = """
    resource "kubernetes_service_v1" "wg" {
      metadata {
        name = "wg"
      }
      spec {
        type = "%s"
        port {
          port     = 51820
          protocol = "UDP"
        }
      }
    }
    """


def test_typed_service_exposing_wireguard(tmp_path):
    assert _ids(_scan(tmp_path / "lb", SERVICE % "LoadBalancer")) == \
        [("XB705", "warning", "kubernetes_service_v1.wg")]
    assert _ids(_scan(tmp_path / "internal", SERVICE % "ClusterIP")) == []


@pytest.mark.parametrize(("ingress_class", "expected"), [("tailscale", ["XB702"]), ("nginx", [])])
def test_typed_ingress_class(tmp_path, ingress_class, expected):
    text = f"""
        resource "kubernetes_ingress_v1" "web" {{
          metadata {{
            name = "web"
          }}
          spec {{
            ingress_class_name = "{ingress_class}"
          }}
        }}
        """
    assert [i for i, _, _ in _ids(_scan(tmp_path, text))] == expected


def test_for_each_over_a_fileset_of_manifests(tmp_path):
    """`for_each = fileset(path.module, "installation/${var.cloud}/*.yaml")` with
    `yaml_body = file(each.value)`: each file is judged; with the directory unknown, the
    resource says what was not read."""
    files = {"installation/aws/member.yaml": yaml.safe_dump(karmada(FOREIGN)),
             "installation/aws/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"}
    text = """
        variable "cloud" {
          default = "aws"
        }
        resource "kubectl_manifest" "install" {
          for_each  = fileset(path.module, "installation/${var.cloud}/*.yaml")
          yaml_body = file("${path.module}/${each.value}")
        }
        """
    r = _scan(tmp_path, text, files=files)
    # the YAML files are manifests of the repository too (read on their own, assumed mainland)
    assert _ids(r) == [("XB809", "error", "Cluster/member"),
                       ("XB809", "error", "kubectl_manifest.install")]
    [tf] = [f for f in r.findings if f.resource == "kubectl_manifest.install"]
    line = files["installation/aws/member.yaml"].splitlines().index(
        f"  apiEndpoint: https://{FOREIGN}:6443") + 1
    assert ("installation/aws/member.yaml", line) in [(o.file, o.line) for o in tf.related]
    unknown = text.replace('default = "aws"', "")
    r = _scan(tmp_path, unknown, files=files)
    assert _ids(r) == [("XB790", "warning", "kubectl_manifest.install"),
                       ("XB809", "error", "Cluster/member")]
    [cut] = [f for f in r.findings if f.check_id == "XB790"]
    assert "var.cloud" in cut.message


@pytest.mark.parametrize(("text", "says"), [
    ("apiVersion: v1\nkind: Secret\na: &a [x, x, x, x, x, x, x, x]\n"
     + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 8)}]\n"
               for i in range(9)), "too large"),
    ("apiVersion: v1\nkind: Secret\nx: " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
])
def test_hostile_yaml_body_is_bounded_and_said(tmp_path, text, says):
    tf = 'resource "kubectl_manifest" "m" {\n  yaml_body = file("${path.module}/m.yaml.tpl")\n}\n'
    r = _scan(tmp_path, tf, files={"m.yaml.tpl": text})
    [f] = r.findings
    assert (f.check_id, f.resource) == ("XB790", "kubectl_manifest.m") and says in f.message


def test_manifests_decoded_by_the_kubernetes_provider_functions(tmp_path):
    """`provider::kubernetes::manifest_decode_multi(file(...))` into a map of objects, each a
    kubernetes_manifest (a pattern of real configurations), and `manifest_decode` of one."""
    docs = yaml.safe_dump(karmada(FOREIGN)) + "---\n" + yaml.safe_dump(liqo(DOMESTIC))
    text = """
        locals {
          objects = {
            for m in provider::kubernetes::manifest_decode_multi(file("${path.module}/all.yaml.tpl")) :
            "${m["kind"]}/${m["metadata"]["name"]}" => m
          }
        }
        resource "kubernetes_manifest" "all" {
          for_each = local.objects
          manifest = each.value
        }
        resource "kubernetes_manifest" "one" {
          manifest = provider::kubernetes::manifest_decode(file("${path.module}/one.yaml.tpl"))
        }
        resource "kubernetes_manifest" "two" {
          manifest = provider::kubernetes::manifest_decode(file("${path.module}/all.yaml.tpl"))
        }
        """
    files = {"all.yaml.tpl": docs, "one.yaml.tpl": yaml.safe_dump(submariner(FOREIGN))}
    r = _scan(tmp_path, text, files=files)
    assert _ids(r) == [("XB790", "warning", "kubernetes_manifest.two"),
                       ("XB801", "error", "kubernetes_manifest.one"),
                       ("XB809", "error", "kubernetes_manifest.all")]
    [two] = [f for f in r.findings if f.check_id == "XB790"]
    assert "needs one document" in two.message


def test_kubectl_file_documents_with_for_each(tmp_path):
    """A document data source with `for_each` (one per file) is expanded like a resource."""
    sha = karmada(DOMESTIC) | {"metadata": {"name": "sha"}}  # self links are the map's keys
    files = {"k8s/fra.yaml.tpl": yaml.safe_dump(karmada(FOREIGN)),
             "k8s/sha.yaml.tpl": yaml.safe_dump(sha)}
    text = """
        data "kubectl_file_documents" "each" {
          for_each = toset(["fra", "sha"])
          content  = file("${path.module}/k8s/${each.key}.yaml.tpl")
        }
        locals {
          all = merge([for _, d in data.kubectl_file_documents.each : d.manifests]...)
        }
        resource "kubectl_manifest" "member" {
          for_each  = local.all
          yaml_body = each.value
        }
        """
    r = _scan(tmp_path, text, files=files)
    [f] = r.findings
    assert (f.check_id, f.severity.value, f.resource) == \
        ("XB809", "error", "kubectl_manifest.member")


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_annotation_suppression_on_the_object(tmp_path, writer):
    obj = karmada(FOREIGN)
    obj["metadata"]["annotations"] = {"exitlint.io/ignore": "XB809: leased CU line, contract 42"}
    [f] = _scan(tmp_path / "ok", WRITERS[writer](obj)).findings
    assert f.check_id == "XB809" and f.suppressed
    obj["metadata"]["annotations"] = {"exitlint.io/ignore": "XB809"}  # no reason: hides nothing
    r = _scan(tmp_path / "bad", WRITERS[writer](obj))
    assert [f.suppressed for f in r.findings if f.check_id == "XB809"] == [False]
    [hygiene] = [f for f in r.findings if f.check_id.startswith("XB9")]
    assert hygiene.span.file == "main.tf" and "reason" in hygiene.message.lower()


def test_connector_with_a_domestic_control_server_from_the_same_configuration(tmp_path):
    """A Tailscale Connector is judged against the control server the configuration's operator
    release names (a self-hosted Headscale): domestic is compliant, abroad an error."""
    text = """
        resource "helm_release" "operator" {
          name       = "tailscale-operator"
          repository = "https://pkgs.tailscale.com/helmcharts"
          chart      = "tailscale-operator"
          set {
            name  = "loginServer"
            value = "https://%s"
          }
        }
        """ + kubernetes_manifest(tailscale_connector(""), "office")
    good = _scan(tmp_path / "good", text % DOMESTIC)
    assert _ids(good) == []
    bad = _scan(tmp_path / "bad", text % FOREIGN)
    assert ("XB702", "error", "kubernetes_manifest.office") in _ids(bad)


def test_a_missing_file_is_named_as_the_report_names_files(tmp_path, monkeypatch):
    """`file("${path.module}/...")` expands to an absolute path; the warning names the file
    relative to the scan, as every location in the report (seen in sigsrv/infra-public: the
    kubectl_file_documents of a file that is not in the repository). A cached re-run gives the
    same answer from the cache."""
    repo = tmp_path / "repo"
    (repo / "envs").mkdir(parents=True)
    (repo / "envs" / "main.tf").write_text(STACK["shanghai"] + textwrap.dedent('''
        resource "kubectl_manifest" "m" {
          yaml_body = file("${path.module}/manifests/missing.yaml")
        }
        '''), encoding="utf-8")
    from exitlint.cache import ResultCache

    served: list[bool] = []
    load = ResultCache.load

    def counted(self, kind, name, tp):
        got = load(self, kind, name, tp)
        served.append(got is not None)
        return got

    monkeypatch.setattr(ResultCache, "load", counted)
    options = {"paths": [repo], "base": repo, "use_cache": True, "cache_dir": tmp_path / "c"}
    first = scan(ScanOptions(**options))
    [w] = [f for f in first.findings if f.check_id == "XB790"]
    assert "file envs/manifests/missing.yaml cannot be read" in w.message, w.message
    assert str(tmp_path) not in w.message
    assert not any(served)
    again = scan(ScanOptions(**options))
    assert [f.message for f in again.findings] == [f.message for f in first.findings]
    assert any(served)  # the replayed observation (the file's absence) matched
