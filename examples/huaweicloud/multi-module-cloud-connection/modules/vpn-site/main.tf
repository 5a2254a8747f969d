provider "huaweicloud" {}

resource "huaweicloud_vpn_customer_gateway" "this" {
  name     = var.name
  id_type  = "ip"
  id_value = var.peer_ip
}

resource "huaweicloud_vpn_connection" "this" {
  name                = var.name
  gateway_id          = var.gateway_id
  gateway_ip          = var.gateway_ip
  customer_gateway_id = huaweicloud_vpn_customer_gateway.this.id
  peer_subnets        = var.peer_subnets
  vpn_type            = "static"
  psk                 = "change-me"
}
