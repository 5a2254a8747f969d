resource "tencentcloud_vpn_gateway" "this" {
  name      = var.name
  vpc_id    = var.vpc_id
  bandwidth = 20
  type      = "IPSEC"
}

resource "tencentcloud_vpn_customer_gateway" "site" {
  for_each = var.peers

  name              = each.key
  public_ip_address = each.value.ip
}

resource "tencentcloud_vpn_connection" "site" {
  for_each = var.peers

  name                = "${var.name}-${each.key}"
  vpc_id              = var.vpc_id
  vpn_gateway_id      = tencentcloud_vpn_gateway.this.id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.site[each.key].id
  pre_share_key       = "rotated-by-vault"
  route_type          = "StaticRoute"

  ike_proto_encry_algorithm = "AES-CBC-256"
  ike_proto_authen_algorithm = "SHA-256"
  ike_exchange_mode          = "MAIN"
  ike_local_identity         = "ADDRESS"
  ike_remote_identity        = "ADDRESS"
  ike_remote_address         = each.value.ip
}

resource "tencentcloud_route_table_entry" "site" {
  for_each = var.peers

  route_table_id         = var.route_table_id
  destination_cidr_block = each.value.subnets[0]
  next_type              = "VPN"
  next_hub               = tencentcloud_vpn_gateway.this.id
  description            = "to ${each.key}"
}

resource "tencentcloud_route_table_entry" "default" {
  count = var.route_all_traffic ? 1 : 0

  route_table_id         = var.route_table_id
  destination_cidr_block = "0.0.0.0/0"
  next_type              = "VPN"
  next_hub               = tencentcloud_vpn_gateway.this.id
  description            = "all traffic through the site's firewall"
}
