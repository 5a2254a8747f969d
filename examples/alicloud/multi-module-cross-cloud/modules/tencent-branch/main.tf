# A proxy configuration block: the configuration passed in `providers = {}` applies.
provider "tencentcloud" {}

resource "tencentcloud_vpn_gateway" "this" {
  name      = "${var.name}-vpngw"
  vpc_id    = var.vpc_id
  zone      = var.zone
  bandwidth = 50
}

resource "tencentcloud_vpn_customer_gateway" "hub" {
  name              = "${var.name}-to-hub"
  public_ip_address = var.hub_ip
}

resource "tencentcloud_vpn_connection" "hub" {
  name                = "${var.name}-to-hub"
  vpc_id              = var.vpc_id
  vpn_gateway_id      = tencentcloud_vpn_gateway.this.id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.hub.id
  pre_share_key       = "change-me"
  ike_local_identity  = "ADDRESS"
  ike_remote_identity = "ADDRESS"
  ike_remote_address  = var.hub_ip

  security_group_policy {
    local_cidr_block  = "10.0.0.0/8"
    remote_cidr_block = var.hub_cidrs
  }
}
