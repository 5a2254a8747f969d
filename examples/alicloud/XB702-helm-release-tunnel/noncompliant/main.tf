# An ACK cluster in Shanghai whose ingress is published through Cloudflare Tunnel, installed by
# Terraform with the Helm provider: cloudflared connects out to Cloudflare's edge abroad.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_cs_managed_kubernetes" "prod" {
  name         = "prod"
  cluster_spec = "ack.pro.small"
  vswitch_ids  = ["vsw-uf6example01"]
}

resource "helm_release" "tunnel" {
  name       = "ingress-tunnel"
  namespace  = "ingress"
  repository = "https://cloudflare.github.io/helm-charts"
  chart      = "cloudflare-tunnel"
  version    = "0.3.2"

  values = [yamlencode({
    cloudflare = {
      tunnelName = "prod-shanghai"
      ingress    = [{ hostname = "app.example.com", service = "http://web.default.svc:80" }]
    }
  })]

  set_sensitive {
    name  = "cloudflare.secret"
    value = var.tunnel_secret
  }
}

variable "tunnel_secret" {
  type      = string
  sensitive = true
}
