locals {
  tags = {
    Name      = var.name
    ManagedBy = "terraform"
  }
}

resource "alicloud_vpc" "this" {
  vpc_name   = var.name
  cidr_block = var.cidr_block
  tags       = local.tags
}

resource "alicloud_vswitch" "this" {
  for_each = var.vswitches

  vpc_id       = alicloud_vpc.this.id
  zone_id      = each.key
  cidr_block   = each.value
  vswitch_name = "${var.name}-${each.key}"
}

# Internet egress through the NAT gateway and its EIP: the approved exit.
resource "alicloud_nat_gateway" "this" {
  vpc_id           = alicloud_vpc.this.id
  nat_gateway_name = "${var.name}-nat"
  payment_type     = "PayAsYouGo"
  vswitch_id       = values(alicloud_vswitch.this)[0].id
  nat_type         = "Enhanced"
}

resource "alicloud_eip_address" "nat" {
  address_name         = "${var.name}-nat"
  bandwidth            = var.nat_bandwidth
  internet_charge_type = "PayByTraffic"
}

resource "alicloud_eip_association" "nat" {
  allocation_id = alicloud_eip_address.nat.id
  instance_id   = alicloud_nat_gateway.this.id
}

resource "alicloud_snat_entry" "this" {
  for_each = alicloud_vswitch.this

  snat_table_id     = alicloud_nat_gateway.this.snat_table_ids
  source_vswitch_id = each.value.id
  snat_ip           = alicloud_eip_address.nat.ip_address
}

resource "alicloud_route_entry" "default" {
  route_table_id        = alicloud_vpc.this.route_table_id
  destination_cidrblock = "0.0.0.0/0"
  nexthop_type          = "NatGateway"
  nexthop_id            = alicloud_nat_gateway.this.id
}

resource "alicloud_security_group" "web" {
  security_group_name = "${var.name}-web"
  vpc_id              = alicloud_vpc.this.id
}

resource "alicloud_security_group_rule" "https" {
  for_each = toset(var.https_sources)

  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "443/443"
  nic_type          = "intranet"
  policy            = "accept"
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = each.value
}
