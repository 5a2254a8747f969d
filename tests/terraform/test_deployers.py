"""Terraform that deploys Kubernetes objects (issue 13 item 6, SPEC §9): `kubernetes_deployment`
and its peers, `kubernetes_manifest` and `helm_release` are judged like the objects they create,
with the ConfigMaps and Secrets of the same configuration, in the region of the stack."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from exitlint.app import ScanOptions, scan
from exitlint.terraform.deployers import deployers

SHANGHAI = 'provider "alicloud" {\n  region = "cn-shanghai"\n}\nresource "alicloud_vpc" "v" {\n  cidr_block = "10.0.0.0/8"\n}\n'
HONG_KONG = SHANGHAI.replace("cn-shanghai", "cn-hongkong")


def _scan(tmp_path: Path, text: str, stack: str = SHANGHAI, policy: str | None = None):
    (tmp_path / "main.tf").write_text(stack + textwrap.dedent(text), encoding="utf-8")
    opts = ScanOptions(paths=[tmp_path], base=tmp_path)
    if policy is not None:
        (tmp_path / ".exitlint.yaml").write_text(policy, encoding="utf-8")
        opts.policy_path = tmp_path / ".exitlint.yaml"
    return scan(opts)


def _ids(result) -> list[tuple[str, str, str]]:
    assert result.errors == []
    return sorted((f.check_id, f.severity.value, f.resource) for f in result.findings)


FRPC = """
variable "frps" {
  type    = string
  %s
}

resource "kubernetes_config_map_v1" "frpc" {
  metadata {
    name = "frpc"
  }
  data = {
    "frpc.toml" = "serverAddr = \\"{{ .Envs.FRPS }}\\"\\nserverPort = 7000\\n[[proxies]]\\nname = \\"web\\"\\n"
  }
}

resource "kubernetes_deployment" "frpc" {
  metadata {
    name = "frpc"
  }
  spec {
    template {
      metadata {}
      spec {
        container {
          name  = "frpc"
          image = "fatedier/frpc:v0.61.0"
          env {
            name  = "FRPS"
            value = var.frps
          }
          volume_mount {
            name       = "conf"
            mount_path = "/etc/frp"
          }
        }
        volume {
          name = "conf"
          config_map {
            name = kubernetes_config_map_v1.frpc.metadata[0].name
          }
        }
      }
    }
  }
}
"""
DEPLOYMENT = ("XB703", "error", "kubernetes_deployment.frpc")


@pytest.mark.parametrize(("default", "stack", "expected"), [
    ('default = "18.184.10.10"', SHANGHAI, [DEPLOYMENT]),
    ('default = "2a05:d014::10"', SHANGHAI, [DEPLOYMENT]),  # IPv6 abroad
    ('default = "114.114.114.114"', SHANGHAI, []),
    ('default = "192.168.3.4"', SHANGHAI, []),  # private
    ('default = "18.184.10.10"', HONG_KONG, []),  # both ends outside the mainland
    ('default = "114.114.114.114"', HONG_KONG, [DEPLOYMENT]),  # Hong Kong stack, mainland peer
    # unresolved: the peer is not named, so it cannot be proven either way
    ("", SHANGHAI, [("XB703", "warning", "kubernetes_deployment.frpc")]),
])
def test_kubernetes_deployment_with_configmap_and_env(tmp_path, default, stack, expected):
    assert _ids(_scan(tmp_path, FRPC % default, stack)) == expected


def test_finding_is_at_the_resource_with_the_configmap_as_related(tmp_path):
    r = _scan(tmp_path, FRPC % 'default = "18.184.10.10"')
    [f] = r.findings
    assert f.span.file == "main.tf"
    assert f.span.line == (SHANGHAI + FRPC).splitlines().index(
        'resource "kubernetes_deployment" "frpc" {') + 1
    assert f.local.cls.value == "mainland" and "region of the stack" in f.local.reason
    assert any("kubernetes_config_map_v1.frpc key frpc.toml" in o.what for o in f.related)


def test_stack_without_region_uses_default_region_else_is_unknown(tmp_path):
    text = FRPC % 'default = "18.184.10.10"'
    r = _scan(tmp_path, text, stack="")
    assert _ids(r) == [("XB703", "warning", "kubernetes_deployment.frpc")]
    assert "cannot be placed" in r.findings[0].message
    r = _scan(tmp_path, text, stack="", policy="version: 1\ndefault_region: cn-beijing\n")
    assert _ids(r) == [DEPLOYMENT]


def test_stack_on_both_sides_is_unknown(tmp_path):
    both = SHANGHAI + ('provider "aws" {\n  region = "eu-central-1"\n}\n'
                       'resource "aws_vpc" "eu" {\n  cidr_block = "10.1.0.0/16"\n}\n')
    r = _scan(tmp_path, FRPC % 'default = "18.184.10.10"', both)
    assert _ids(r) == [("XB703", "warning", "kubernetes_deployment.frpc")]
    assert "both sides" in r.findings[0].message


TUNNEL = """
resource "helm_release" "t" {
  name       = "t"
  %s
}
"""


@pytest.mark.parametrize(("body", "expected"), [
    ('chart = "cloudflare-tunnel"\n  repository = "https://cloudflare.github.io/helm-charts"',
     [("XB702", "error", "helm_release.t")]),
    ('chart = "oci://ghcr.io/acme/charts/tunnel:1.0"\n'
     '  values = [yamlencode({ image = { repository = "cloudflare/cloudflared", tag = "2024.8.2" } })]',
     [("XB702", "error", "helm_release.t")]),
    ('chart = "tailscale-operator"\n  set {\n    name  = "loginServer"\n'
     '    value = "https://114.114.114.114"\n  }', []),
    ('chart = "tailscale-operator"\n  set = [{ name = "loginServer", value = "https://18.184.10.10" }]',
     [("XB702", "error", "helm_release.t")]),
    ('chart = "frpc"\n  values = [<<-EOT\n    serverAddr: "[2a05:d014::10]"\n  EOT\n  ]',
     [("XB703", "error", "helm_release.t")]),
    ('chart = "frpc"\n  values = [<<-EOT\n    serverAddr: 10.1.1.1\n  EOT\n  ]', []),
    ('chart = "shadowsocks-rust"', [("XB701", "error", "helm_release.t")]),
    ('chart = "ingress-nginx"\n  repository = "https://kubernetes.github.io/ingress-nginx"', []),
    ('chart = var.chart', []),  # unresolved chart: nothing to identify
])
def test_helm_release(tmp_path, body, expected):
    text = TUNNEL % body + 'variable "chart" {\n  type = string\n}\n'
    assert _ids(_scan(tmp_path, text)) == expected


def test_helm_release_in_hong_kong_stack_is_clean(tmp_path):
    text = TUNNEL % 'chart = "cloudflare-tunnel"'
    assert _ids(_scan(tmp_path, text, HONG_KONG)) == []


def test_kubernetes_manifest_workload_and_secret(tmp_path):
    text = """
        resource "kubernetes_manifest" "wg_conf" {
          manifest = {
            apiVersion = "v1"
            kind       = "Secret"
            metadata   = { name = "wg", namespace = "net" }
            stringData = { "wg0.conf" = "[Peer]\\nEndpoint = 18.184.10.10:51820\\n" }
          }
        }

        resource "kubernetes_manifest" "wg" {
          manifest = {
            apiVersion = "apps/v1"
            kind       = "DaemonSet"
            metadata   = { name = "wg", namespace = "net" }
            spec = {
              template = {
                spec = {
                  containers = [{
                    name         = "wg"
                    image        = "linuxserver/wireguard:latest"
                    volumeMounts = [{ name = "conf", mountPath = "/config/wg_confs" }]
                  }]
                  volumes = [{ name = "conf", secret = { secretName = "wg" } }]
                }
              }
            }
          }
        }

        resource "kubernetes_manifest" "crd_service" {
          manifest = {
            apiVersion = "v1"
            kind       = "Service"
            metadata   = { name = "web" }
            spec       = { ports = [{ port = 80 }] }
          }
        }
        """
    assert _ids(_scan(tmp_path, text)) == [("XB703", "error", "kubernetes_manifest.wg")]


def test_pod_behind_foreign_proxy_from_secret(tmp_path):
    text = """
        resource "kubernetes_secret_v1" "proxy" {
          metadata {
            name = "proxy"
          }
          data = {
            HTTPS_PROXY = "http://[2a05:d014::10]:3128"
          }
        }

        resource "kubernetes_pod_v1" "app" {
          metadata {
            name = "app"
          }
          spec {
            container {
              name  = "app"
              image = "registry.example.cn/acme/app:1"
              env_from {
                secret_ref {
                  name = kubernetes_secret_v1.proxy.metadata[0].name
                }
              }
            }
          }
        }
        """
    assert _ids(_scan(tmp_path, text)) == [("XB707", "warning", "kubernetes_pod_v1.app")]
    clean = text.replace("http://[2a05:d014::10]:3128", "http://squid.egress.svc:3128")
    assert _ids(_scan(tmp_path, clean)) == []


def test_rancher_agent_daemonset(tmp_path):
    text = """
        resource "kubernetes_daemon_set_v1" "agent" {
          metadata {
            name = "cattle-node-agent"
          }
          spec {
            template {
              metadata {}
              spec {
                container {
                  name  = "agent"
                  image = "rancher/rancher-agent:v2.9.2"
                  env {
                    name  = "CATTLE_SERVER"
                    value = "https://18.184.10.10"
                  }
                }
              }
            }
          }
        }
        """
    assert _ids(_scan(tmp_path, text)) == [("XB809", "error", "kubernetes_daemon_set_v1.agent")]


def test_ordinary_workload_is_clean_and_counted(tmp_path):
    text = """
        resource "kubernetes_deployment_v1" "web" {
          metadata {
            name = "web"
          }
          spec {
            template {
              metadata {}
              spec {
                container {
                  name  = "web"
                  image = "nginx:1.27"
                  port {
                    container_port = 80
                  }
                }
              }
            }
          }
        }
        """
    r = _scan(tmp_path, text)
    assert _ids(r) == [] and r.resources == 2


def test_deployer_table_is_consistent():
    d = deployers()
    assert d.deploys("kubernetes_deployment_v1") and d.deploys("helm_release")
    assert d.deploys("kubernetes_manifest") and d.deploys("kubectl_manifest")
    assert not d.deploys("kubernetes_namespace")
    assert {k for k, _, _ in d.configs.values()} == {"ConfigMap", "Secret"}
    # a ConfigMap or Secret resource is also an object the Kubernetes targets judge (XB809 ...)
    assert all(d.objects[t]["kind"] == kind for t, (kind, _, _) in d.configs.items())
    assert set(d.manifest_text) <= set(d.manifests)
    assert all(path.startswith("spec") for path in d.workloads.values())


@pytest.mark.parametrize(("manifest", "expected"), [
    ("""{
      apiVersion = "argoproj.io/v1alpha1"
      kind       = "Application"
      metadata   = { name = "tunnel", namespace = "argocd" }
      spec = {
        source = {
          repoURL        = "https://cloudflare.github.io/helm-charts"
          chart          = "cloudflare-tunnel"
          targetRevision = "0.3.2"
        }
        destination = { server = "https://kubernetes.default.svc", namespace = "ingress" }
      }
    }""", [("XB702", "error", "kubernetes_manifest.release")]),
    ("""{
      apiVersion = "helm.toolkit.fluxcd.io/v2"
      kind       = "HelmRelease"
      metadata   = { name = "frpc", namespace = "ops" }
      spec = {
        chart  = { spec = { chart = "frpc", sourceRef = { kind = "HelmRepository", name = "x" } } }
        values = { serverAddr = "18.184.10.10" }
      }
    }""", [("XB703", "error", "kubernetes_manifest.release")]),
    ("""{
      apiVersion = "argoproj.io/v1alpha1"
      kind       = "Application"
      metadata   = { name = "ts", namespace = "argocd" }
      spec = {
        source = {
          chart   = "tailscale-operator"
          repoURL = "https://pkgs.tailscale.com/helmcharts"
          helm    = { parameters = [{ name = "loginServer", value = "https://114.114.114.114" }] }
        }
      }
    }""", []),
    ("""{
      apiVersion = "argoproj.io/v1alpha1"
      kind       = "Application"
      metadata   = { name = "web", namespace = "argocd" }
      spec = { source = { chart = "ingress-nginx", repoURL = "https://kubernetes.github.io/ingress-nginx" } }
    }""", []),
])
def test_gitops_release_declared_through_kubernetes_manifest(tmp_path, manifest, expected):
    text = f'resource "kubernetes_manifest" "release" {{\n  manifest = {manifest}\n}}\n'
    assert _ids(_scan(tmp_path, text)) == expected


def test_plan_json_kubernetes_pod(tmp_path):
    """The same resources in a plan (`terraform show -json`): blocks are lists of objects."""
    import json

    plans = Path(__file__).resolve().parents[1] / "data" / "plans"
    doc = json.loads((plans / "xb101-vpn-peer.plan.json").read_text(encoding="utf-8"))
    pod = {"address": "kubernetes_pod_v1.ss", "mode": "managed", "type": "kubernetes_pod_v1",
           "name": "ss", "provider_name": "registry.terraform.io/hashicorp/kubernetes",
           "schema_version": 0,
           "values": {"metadata": [{"name": "ss"}],
                      "spec": [{"container": [{"name": "ss",
                                               "image": "teddysun/shadowsocks-libev:3.3.5",
                                               "env": [{"name": "A", "value": "1"}]}]}]}}
    doc["planned_values"]["root_module"]["resources"].append(pod)
    doc["resource_changes"].append({k: pod[k] for k in ("address", "mode", "type", "name",
                                                         "provider_name")}
                                   | {"change": {"actions": ["create"], "before": None,
                                                 "after": pod["values"], "after_unknown": {}}})
    (tmp_path / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    r = scan(ScanOptions(paths=[tmp_path / "plan.json"], base=tmp_path))
    hits = [f for f in r.findings if f.resource == "kubernetes_pod_v1.ss"]
    assert [(f.check_id, f.severity.value) for f in hits] == [("XB701", "error")]
    assert hits[0].local.cls.value == "mainland"  # the stack's aws provider is in cn-north-1
