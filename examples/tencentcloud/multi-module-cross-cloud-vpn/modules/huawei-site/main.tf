provider "huaweicloud" {}

resource "huaweicloud_vpc_eip" "gw" {
  publicip {
    type = "5_bgp"
  }

  bandwidth {
    name        = "${var.name}-bw"
    size        = 10
    share_type  = "PER"
    charge_mode = "traffic"
  }
}

resource "huaweicloud_vpn_gateway" "this" {
  name               = var.name
  vpc_id             = var.vpc_id
  local_subnets      = var.local_subnets
  connect_subnet     = var.subnet_id
  availability_zones = ["cn-east-3a", "cn-east-3b"]

  eip1 {
    id = huaweicloud_vpc_eip.gw.id
  }
}

resource "huaweicloud_vpn_customer_gateway" "this" {
  name     = var.name
  id_type  = "ip"
  id_value = var.peer_ip
}

resource "huaweicloud_vpn_connection" "this" {
  name                = var.name
  gateway_id          = huaweicloud_vpn_gateway.this.id
  gateway_ip          = huaweicloud_vpc_eip.gw.id
  customer_gateway_id = huaweicloud_vpn_customer_gateway.this.id
  peer_subnets        = var.peer_subnets
  vpn_type            = "static"
  psk                 = "change-me"
}
