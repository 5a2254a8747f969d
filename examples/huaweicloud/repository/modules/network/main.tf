resource "huaweicloud_vpc" "this" {
  name = var.name
  cidr = var.cidr
}

resource "huaweicloud_vpc_subnet" "this" {
  for_each = var.subnets

  name       = "${var.name}-${each.key}"
  vpc_id     = huaweicloud_vpc.this.id
  cidr       = each.value.cidr
  gateway_ip = each.value.gateway_ip
}

# Internet egress: NAT gateway + EIP.
resource "huaweicloud_nat_gateway" "this" {
  name      = "${var.name}-nat"
  spec      = "1"
  vpc_id    = huaweicloud_vpc.this.id
  subnet_id = values(huaweicloud_vpc_subnet.this)[0].id
}

resource "huaweicloud_vpc_eip" "nat" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "${var.name}-nat"
    size        = 100
    share_type  = "PER"
    charge_mode = "traffic"
  }
}

resource "huaweicloud_nat_snat_rule" "this" {
  for_each = huaweicloud_vpc_subnet.this

  nat_gateway_id = huaweicloud_nat_gateway.this.id
  floating_ip_id = huaweicloud_vpc_eip.nat.id
  subnet_id      = each.value.id
}

resource "huaweicloud_networking_secgroup" "web" {
  name                 = "${var.name}-web"
  delete_default_rules = true
}

resource "huaweicloud_networking_secgroup_rule" "https" {
  security_group_id = huaweicloud_networking_secgroup.web.id
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  ports             = "443"
  remote_ip_prefix  = "0.0.0.0/0"
}

resource "huaweicloud_networking_secgroup_rule" "ike" {
  for_each = toset(var.ike_sources)

  security_group_id = huaweicloud_networking_secgroup.web.id
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "udp"
  ports             = "500,4500"
  remote_ip_prefix  = each.value
}

# Replies and health checks between the web servers: a remote group, not an address.
resource "huaweicloud_networking_secgroup_rule" "internal" {
  security_group_id = huaweicloud_networking_secgroup.web.id
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "udp"
  ports             = "4500"
  remote_group_id   = huaweicloud_networking_secgroup.web.id
}
