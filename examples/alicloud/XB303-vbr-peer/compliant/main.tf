# The VBR peers with the customer router over a private /30.
provider "alicloud" {
  region = "cn-shenzhen"
}

resource "alicloud_express_connect_physical_connection" "idc" {
  access_point_id          = "ap-cn-shenzhen-ft-A"
  line_operator            = "CU"
  peer_location            = "customer site"
  physical_connection_name = "idc-uplink"
  type                     = "VPC"
  bandwidth                = 500
}

resource "alicloud_express_connect_virtual_border_router" "idc" {
  physical_connection_id     = alicloud_express_connect_physical_connection.idc.id
  virtual_border_router_name = "idc-vbr"
  vlan_id                    = 110
  local_gateway_ip           = "10.90.0.1"
  peer_gateway_ip            = "10.90.0.2"
  peering_subnet_mask        = "255.255.255.252"
  min_rx_interval            = 1000
  min_tx_interval            = 1000
  detect_multiplier          = 10
}
