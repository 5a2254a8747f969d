# DCDN with a global footprint in front of an OSS bucket in Hangzhou.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_dcdn_domain" "static" {
  domain_name = "static.example.com"
  scope       = "global"
  sources {
    content  = "example-static.oss-cn-hangzhou.aliyuncs.com"
    type     = "oss"
    priority = "20"
    port     = 80
    weight   = "10"
  }
}
