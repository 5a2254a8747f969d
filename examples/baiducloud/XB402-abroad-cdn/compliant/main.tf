# Overseas CDN pulling from a Hong Kong origin.
provider "baiducloud" {
  region = "bj"
}

variable "origin_ip" {
  type    = string
  default = "58.176.0.1"
}

resource "baiducloud_abroad_cdn_domain" "site" {
  domain = "global.example.com"
  origin {
    type   = "IP"
    addr   = var.origin_ip
    backup = false
  }
}
