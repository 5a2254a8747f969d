# A CDN domain serving the Chinese mainland only.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cdn_domain" "www" {
  name         = "www.example.com"
  type         = "web"
  service_area = "mainland_china"

  sources {
    origin      = "114.114.114.114"
    origin_type = "ipaddr"
    active      = 1
  }
}
