# Reverse direction: a dedicated private network from Taipei to Shanghai.
provider "ucloud" {
  region     = "tw-tp"
  project_id = "org-example"
}

resource "ucloud_udpn_connection" "dc" {
  bandwidth   = 10
  peer_region = "cn-sh2"
  charge_type = "month"
}
