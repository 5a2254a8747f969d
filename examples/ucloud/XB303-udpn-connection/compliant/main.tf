# A dedicated private network between Beijing and Shanghai.
provider "ucloud" {
  region     = "cn-bj2"
  project_id = "org-example"
}

resource "ucloud_udpn_connection" "dc" {
  bandwidth   = 10
  peer_region = "cn-sh2"
  charge_type = "month"
}
