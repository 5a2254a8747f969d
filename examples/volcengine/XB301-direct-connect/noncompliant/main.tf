# A line for the Beijing region landing at a Hong Kong access point.
provider "volcengine" {
  region = "cn-beijing"
}

resource "volcengine_direct_connect_connection" "idc" {
  direct_connect_connection_name = "idc-line"
  direct_connect_access_point_id = "ap-cn-hongkong-a"
  line_operator                  = "ChinaTelecom"
  port_type                      = "10GBase"
  port_spec                      = "10G"
  bandwidth                      = 1000
  peer_location                  = "customer IDC"
  customer_name                  = "netops"
  customer_contact_phone         = "13800000000"
  customer_contact_email         = "netops@example.com"
}
