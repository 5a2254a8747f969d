# CDN with overseas edges pulling from an origin in the mainland.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_cdn_domain_new" "www" {
  domain_name = "www.example.com"
  cdn_type    = "web"
  scope       = "overseas"
  sources {
    content  = "223.5.5.5"
    type     = "ipaddr"
    priority = 20
    port     = 80
    weight   = 10
  }
}
