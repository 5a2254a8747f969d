# A CDN domain serving mainland edges only.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_cdn_domain" "www" {
  domain       = "www.example.com"
  service_type = "web"
  area         = "mainland"

  origin {
    origin_type          = "ip"
    origin_list          = ["114.114.114.114"]
    origin_pull_protocol = "follow"
  }
}
