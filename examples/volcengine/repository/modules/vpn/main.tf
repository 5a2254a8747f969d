resource "volcengine_vpn_gateway" "this" {
  vpc_id           = var.vpc_id
  subnet_id        = var.subnet_id
  bandwidth        = 20
  vpn_gateway_name = var.name
  billing_type     = "PostPaid"
}

resource "volcengine_customer_gateway" "site" {
  for_each = var.peers

  customer_gateway_name = each.key
  ip_address            = each.value.ip
}

resource "volcengine_vpn_connection" "site" {
  for_each = var.peers

  vpn_connection_name = "${var.name}-${each.key}"
  vpn_gateway_id      = volcengine_vpn_gateway.this.id
  customer_gateway_id = volcengine_customer_gateway.site[each.key].id
  local_subnet        = var.local_subnets
  remote_subnet       = each.value.subnets
  dpd_action          = "restart"
  nat_traversal       = true
  ike_config_psk      = "from-secrets-manager"
  ike_config_version  = "ikev2"
}

resource "volcengine_vpn_gateway_route" "site" {
  for_each = var.peers

  vpn_gateway_id         = volcengine_vpn_gateway.this.id
  destination_cidr_block = each.value.subnets[0]
  next_hop_id            = volcengine_vpn_connection.site[each.key].id
}

# Central egress at the IDC: every VPC route goes into the VPN gateway.
resource "volcengine_route_entry" "default" {
  count = var.default_route_via_vpn ? 1 : 0

  route_table_id         = var.route_table_id
  destination_cidr_block = "0.0.0.0/0"
  next_hop_type          = "VpnGW"
  next_hop_id            = volcengine_vpn_gateway.this.id
  route_entry_name       = "default-via-idc"
}
