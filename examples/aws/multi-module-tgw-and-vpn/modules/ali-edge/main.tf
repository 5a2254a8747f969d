provider "alicloud" {}

resource "alicloud_vpn_gateway" "this" {
  vpn_gateway_name = var.name
  vpc_id           = var.vpc_id
  bandwidth        = 50
  enable_ipsec     = true
  payment_type     = "Subscription"
}
