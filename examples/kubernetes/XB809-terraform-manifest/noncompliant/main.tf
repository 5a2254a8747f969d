# A Shanghai stack that registers a Frankfurt cluster with its Karmada control plane and hands
# its Argo CD the same cluster: Kubernetes objects declared through Terraform, judged like the
# objects themselves (kubernetes_manifest: an HCL object; kubectl_manifest: YAML text).
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_vpc" "prod" {
  vpc_name   = "prod"
  cidr_block = "10.20.0.0/16"
}

variable "member_api" {
  description = "API server of the member cluster"
  type        = string
  default     = "https://18.184.10.10:6443"
}

locals {
  member = {
    name   = "fra-prod"
    server = var.member_api
  }
}

resource "kubernetes_manifest" "karmada_member" {
  manifest = {
    apiVersion = "cluster.karmada.io/v1alpha1"
    kind       = "Cluster"
    metadata   = { name = local.member.name }
    spec = {
      syncMode    = "Push"
      apiEndpoint = local.member.server
      secretRef   = { namespace = "karmada-cluster", name = local.member.name }
    }
  }
}

resource "kubectl_manifest" "argocd_member" {
  yaml_body = templatefile("${path.module}/argocd-cluster.yaml.tftpl", local.member)
}
