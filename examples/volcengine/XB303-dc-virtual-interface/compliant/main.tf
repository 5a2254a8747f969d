# Ordinary private interconnect addressing: the line itself is judged by XB301.
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
  local_ip                     = "169.254.10.1/30"
  peer_ip                      = "169.254.10.2/30"
  route_type                   = "BGP"
}
