resource "huaweicloud_vpc_eip" "vpn" {
  count = 2

  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "${var.name}-${count.index}"
    size        = 20
    share_type  = "PER"
    charge_mode = "traffic"
  }
}

resource "huaweicloud_vpn_gateway" "this" {
  name               = var.name
  vpc_id             = var.vpc_id
  local_subnets      = var.local_subnets
  connect_subnet     = var.subnet_id
  availability_zones = ["cn-north-4a", "cn-north-4b"]

  eip1 {
    id = huaweicloud_vpc_eip.vpn[0].id
  }
  eip2 {
    id = huaweicloud_vpc_eip.vpn[1].id
  }
}

resource "huaweicloud_vpn_customer_gateway" "site" {
  for_each = var.peers

  name     = each.key
  id_type  = "ip"
  id_value = each.value.ip
}

resource "huaweicloud_vpn_connection" "site" {
  for_each = var.peers

  name                = "${var.name}-${each.key}"
  gateway_id          = huaweicloud_vpn_gateway.this.id
  gateway_ip          = huaweicloud_vpn_gateway.this.master_eip[0].id
  customer_gateway_id = huaweicloud_vpn_customer_gateway.site[each.key].id
  peer_subnets        = each.value.subnets
  vpn_type            = "static"
  psk                 = "from-kms"
}

resource "huaweicloud_vpc_route" "default" {
  count = var.default_route_via_vpn ? 1 : 0

  vpc_id      = var.vpc_id
  destination = "0.0.0.0/0"
  type        = "vpn"
  nexthop     = huaweicloud_vpn_gateway.this.id
  description = "central egress at the office"
}
