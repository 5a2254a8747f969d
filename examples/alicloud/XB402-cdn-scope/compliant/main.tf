# Mainland scope for the mainland origin, and an overseas scope only for the Hong Kong origin.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_cdn_domain_new" "www" {
  domain_name = "www.example.com"
  cdn_type    = "web"
  scope       = "domestic"
  sources {
    content  = "223.5.5.5"
    type     = "ipaddr"
    priority = 20
    port     = 80
    weight   = 10
  }
}

resource "alicloud_cdn_domain_new" "intl" {
  domain_name = "intl.example.com"
  cdn_type    = "web"
  scope       = "overseas"
  sources {
    content  = "58.176.0.1"
    type     = "ipaddr"
    priority = 20
    port     = 80
    weight   = 10
  }
}
