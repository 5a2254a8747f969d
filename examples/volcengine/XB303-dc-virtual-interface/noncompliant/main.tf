# The partner's router at the far end of the line is addressed from a Hong Kong public block.
provider "volcengine" {
  region = "cn-shanghai"
}

resource "volcengine_direct_connect_gateway" "dcgw" {
  direct_connect_gateway_name = "sh-dcgw"
}

variable "connection_id" {
  type    = string
  default = "dcc-3tehdhk9example"
}

resource "volcengine_direct_connect_virtual_interface" "vif" {
  virtual_interface_name       = "partner-vif"
  direct_connect_connection_id = var.connection_id
  direct_connect_gateway_id    = volcengine_direct_connect_gateway.dcgw.id
  vlan_id                      = 120
  local_ip                     = "58.176.0.1/30"
  peer_ip                      = "58.176.0.2/30"
  route_type                   = "BGP"
}
