provider "alicloud" {}

resource "alicloud_vpn_customer_gateway" "this" {
  customer_gateway_name = var.name
  ip_address            = var.peer_ip
}

resource "alicloud_vpn_connection" "this" {
  vpn_connection_name = var.name
  vpn_gateway_id      = var.vpn_gateway_id
  customer_gateway_id = alicloud_vpn_customer_gateway.this.id
  local_subnet        = [var.local_cidr]
  remote_subnet       = [var.peer_cidr]
  effect_immediately  = true
}
