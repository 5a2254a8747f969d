# Overseas DCDN in front of an OSS bucket in Hong Kong.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_dcdn_domain" "static" {
  domain_name = "static.example.com"
  scope       = "overseas"
  sources {
    content  = "example-static.oss-cn-hongkong.aliyuncs.com"
    type     = "oss"
    priority = "20"
    port     = 80
    weight   = "10"
  }
}
