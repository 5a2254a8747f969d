provider "tencentcloud" {}

resource "tencentcloud_vpn_customer_gateway" "this" {
  name              = var.name
  public_ip_address = var.peer_ip
}

resource "tencentcloud_vpn_connection" "this" {
  name                = var.name
  vpc_id              = var.vpc_id
  vpn_gateway_id      = var.vpn_gateway_id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.this.id
  pre_share_key       = "change-me"

  security_group_policy {
    local_cidr_block  = "10.0.0.0/8"
    remote_cidr_block = var.remote_cidrs
  }
}
