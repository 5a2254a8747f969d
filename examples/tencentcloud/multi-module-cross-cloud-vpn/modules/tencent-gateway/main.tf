provider "tencentcloud" {}

resource "tencentcloud_vpn_gateway" "this" {
  name      = "${var.name}-vpngw"
  vpc_id    = var.vpc_id
  zone      = var.zone
  bandwidth = 20
}
