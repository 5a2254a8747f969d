# Mainland edges only for the Beijing origin.
provider "volcengine" {
  region = "cn-beijing"
}

resource "volcengine_cdn_domain" "site" {
  domain         = "www.example.cn"
  service_type   = "web"
  service_region = "chinese_mainland"
  domain_config = jsonencode({
    OriginProtocol = "http"
    Origin = [{
      OriginAction = {
        OriginLines = [{
          Address      = "180.76.76.76"
          HttpPort     = "80"
          HttpsPort    = "443"
          InstanceType = "ip"
          OriginType   = "primary"
          Weight       = "1"
        }]
      }
    }]
  })
}
