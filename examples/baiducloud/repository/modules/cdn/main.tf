resource "baiducloud_cdn_domain" "domestic" {
  count = var.overseas ? 0 : 1

  domain = var.domain
  origin {
    peer = var.origin_ip
  }
}

resource "baiducloud_abroad_cdn_domain" "overseas" {
  count = var.overseas ? 1 : 0

  domain = var.domain
  origin {
    type   = "IP"
    backup = false
    addr   = var.origin_ip
  }
}
