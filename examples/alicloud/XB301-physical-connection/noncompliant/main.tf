# A leased line into the Hangzhou access point from a carrier documented as outside the
# Chinese mainland (line_operator Other), ending in Singapore.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_express_connect_physical_connection" "idc" {
  access_point_id          = "ap-cn-hangzhou-yh-B"
  line_operator            = "Other"
  peer_location            = "Singapore DC"
  physical_connection_name = "idc-uplink"
  type                     = "VPC"
  port_type                = "10GBase-LR"
  bandwidth                = 1000
  description              = "leased line to the Singapore DC"
}
