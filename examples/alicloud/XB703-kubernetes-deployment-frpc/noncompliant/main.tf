# Terraform deploys frpc into an ACK cluster in Hangzhou with the Kubernetes provider: its
# configuration (a ConfigMap) takes the frps address from the container's environment, which
# points at a server in Frankfurt.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_cs_managed_kubernetes" "edge" {
  name         = "edge"
  cluster_spec = "ack.pro.small"
  vswitch_ids  = ["vsw-bp1example01"]
}

variable "frps_host" {
  type    = string
  default = "18.184.10.10"
}

resource "kubernetes_config_map_v1" "frpc" {
  metadata {
    name      = "frpc"
    namespace = "ops"
  }
  data = {
    "frpc.toml" = <<-EOT
      serverAddr = "{{ .Envs.FRPS_HOST }}"
      serverPort = 7000

      [[proxies]]
      name       = "grafana"
      type       = "tcp"
      localIP    = "grafana.monitoring.svc"
      localPort  = 3000
      remotePort = 13000
    EOT
  }
}

resource "kubernetes_deployment_v1" "frpc" {
  metadata {
    name      = "frpc"
    namespace = "ops"
  }
  spec {
    replicas = 1
    selector {
      match_labels = { app = "frpc" }
    }
    template {
      metadata {
        labels = { app = "frpc" }
      }
      spec {
        container {
          name  = "frpc"
          image = "fatedier/frpc:v0.61.0"
          args  = ["-c", "/etc/frp/frpc.toml"]
          env {
            name  = "FRPS_HOST"
            value = var.frps_host
          }
          volume_mount {
            name       = "config"
            mount_path = "/etc/frp"
          }
        }
        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.frpc.metadata[0].name
          }
        }
      }
    }
  }
}
