# Overseas CDN (CDN-ABROAD) pulling from a Beijing origin.
provider "baiducloud" {
  region = "bj"
}

variable "origin_ip" {
  type    = string
  default = "180.76.76.76"
}

resource "baiducloud_abroad_cdn_domain" "site" {
  domain = "global.example.com"
  origin {
    type   = "IP"
    addr   = var.origin_ip
    backup = false
  }
}
