# The same ACK cluster in Shanghai publishes its ingress through the cloud's own load balancer:
# ingress-nginx from its Helm chart, no tunnel.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_cs_managed_kubernetes" "prod" {
  name         = "prod"
  cluster_spec = "ack.pro.small"
  vswitch_ids  = ["vsw-uf6example01"]
}

resource "helm_release" "ingress" {
  name       = "ingress-nginx"
  namespace  = "ingress"
  repository = "https://kubernetes.github.io/ingress-nginx"
  chart      = "ingress-nginx"
  version    = "4.11.2"

  values = [yamlencode({
    controller = {
      service = {
        annotations = {
          "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-spec" = "slb.s1.small"
        }
      }
    }
  })]
}
