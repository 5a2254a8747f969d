# A proxy configuration block: the caller's alicloud configuration applies.
provider "alicloud" {}

resource "alicloud_vpn_gateway" "this" {
  vpn_gateway_name = var.name
  vpc_id           = var.vpc_id
  vswitch_id       = var.vswitch_id
  bandwidth        = 100
  enable_ipsec     = true
  payment_type     = "Subscription"
}
