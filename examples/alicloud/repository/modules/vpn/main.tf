resource "alicloud_vpn_gateway" "this" {
  vpn_gateway_name = var.name
  vpc_id           = var.vpc_id
  vswitch_id       = var.vswitch_id
  bandwidth        = 10
  payment_type     = "PayAsYouGo"
  enable_ipsec     = true
}

resource "alicloud_vpn_customer_gateway" "site" {
  for_each = var.peers

  customer_gateway_name = each.key
  ip_address            = each.value.ip
  description           = "VPN device of ${each.key}"
}

resource "alicloud_vpn_connection" "site" {
  for_each = var.peers

  vpn_connection_name = "${var.name}-${each.key}"
  vpn_gateway_id      = alicloud_vpn_gateway.this.id
  customer_gateway_id = alicloud_vpn_customer_gateway.site[each.key].id
  local_subnet        = var.local_subnets
  remote_subnet       = each.value.subnets
  effect_immediately  = true

  ike_config {
    ike_version  = "ikev2"
    psk          = "managed-in-kms"
    ike_enc_alg  = "aes256"
    ike_auth_alg = "sha256"
  }
}

# Only the sites' private ranges go into the tunnels.
resource "alicloud_vpn_route_entry" "site" {
  for_each = var.peers

  vpn_gateway_id = alicloud_vpn_gateway.this.id
  route_dest     = each.value.subnets[0]
  next_hop       = alicloud_vpn_connection.site[each.key].id
  weight         = 100
  publish_vpc    = true
}
