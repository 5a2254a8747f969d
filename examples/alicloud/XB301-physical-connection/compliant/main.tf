# The same access point, China Telecom line to the Hangzhou data centre.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_express_connect_physical_connection" "idc" {
  access_point_id          = "ap-cn-hangzhou-yh-B"
  line_operator            = "CT"
  peer_location            = "Hangzhou IDC"
  physical_connection_name = "idc-uplink"
  type                     = "VPC"
  port_type                = "10GBase-LR"
  bandwidth                = 1000
  description              = "leased line to the Hangzhou IDC"
}
