# A CDN domain serving overseas edges from a mainland origin.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_cdn_domain" "www" {
  domain       = "www.example.com"
  service_type = "web"
  area         = "overseas"

  origin {
    origin_type          = "ip"
    origin_list          = ["114.114.114.114"]
    origin_pull_protocol = "follow"
  }
}
