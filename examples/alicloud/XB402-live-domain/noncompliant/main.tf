# Live playback with a global footprint for streams of the Shanghai live center.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_live_domain" "play" {
  domain_name = "play.example.com"
  domain_type = "liveVideo"
  region      = "cn-shanghai"
  scope       = "global"
}
