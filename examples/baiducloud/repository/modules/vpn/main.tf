resource "baiducloud_eip" "vpn" {
  name              = "${var.name}-vpn"
  bandwidth_in_mbps = 20
  payment_timing    = "Postpaid"
  billing_method    = "ByTraffic"
}

resource "baiducloud_vpn_gateway" "this" {
  vpn_name    = var.name
  vpc_id      = var.vpc_id
  description = "site-to-site"
  eip         = baiducloud_eip.vpn.eip
  billing = {
    payment_timing = "Postpaid"
  }
}

resource "baiducloud_vpn_conn" "site" {
  for_each = var.peers

  vpn_id         = baiducloud_vpn_gateway.this.id
  vpn_conn_name  = "${var.name}-${each.key}"
  secret_key     = "from-kms"
  local_subnets  = var.local_subnets
  remote_ip      = each.value.ip
  remote_subnets = each.value.subnets

  ike_config {
    ike_version  = "v2"
    ike_mode     = "main"
    ike_enc_alg  = "aes"
    ike_auth_alg = "sha1"
    ike_pfs      = "group2"
    ike_lifeTime = 300
  }

  ipsec_config {
    ipsec_enc_alg  = "aes"
    ipsec_auth_alg = "sha1"
    ipsec_pfs      = "group2"
    ipsec_lifetime = 200
  }
}

resource "baiducloud_route_rule" "default" {
  count = var.default_route_via_vpn ? 1 : 0

  route_table_id      = var.route_table_id
  source_address      = "0.0.0.0/0"
  destination_address = "0.0.0.0/0"
  next_hop_type       = "vpn"
  next_hop_id         = baiducloud_vpn_gateway.this.id
  description         = "central egress at the office"
}
