# A CDN domain serving outside the Chinese mainland from a mainland origin.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cdn_domain" "www" {
  name         = "www.example.com"
  type         = "web"
  service_area = "outside_mainland_china"

  sources {
    origin      = "114.114.114.114"
    origin_type = "ipaddr"
    active      = 1
  }
}
