# Live playback in the mainland only.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_live_domain" "play" {
  domain_name = "play.example.com"
  domain_type = "liveVideo"
  region      = "cn-shanghai"
  scope       = "domestic"
}
