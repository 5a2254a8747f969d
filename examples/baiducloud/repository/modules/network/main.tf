resource "baiducloud_vpc" "this" {
  name        = var.name
  cidr        = var.cidr
  description = "managed by terraform"
}

resource "baiducloud_subnet" "this" {
  for_each = var.subnets

  name      = "${var.name}-${each.key}"
  zone_name = each.key
  cidr      = each.value
  vpc_id    = baiducloud_vpc.this.id
}

# Internet egress: NAT gateway with an EIP.
resource "baiducloud_nat_gateway" "this" {
  name   = "${var.name}-nat"
  vpc_id = baiducloud_vpc.this.id
  spec   = "medium"
  billing = {
    payment_timing = "Postpaid"
  }
}

resource "baiducloud_eip" "nat" {
  name              = "${var.name}-nat"
  bandwidth_in_mbps = 100
  payment_timing    = "Postpaid"
  billing_method    = "ByTraffic"
}

resource "baiducloud_eip_association" "nat" {
  eip           = baiducloud_eip.nat.eip
  instance_type = "NAT"
  instance_id   = baiducloud_nat_gateway.this.id
}

resource "baiducloud_route_rule" "internet" {
  route_table_id      = baiducloud_vpc.this.route_table_id
  source_address      = "0.0.0.0/0"
  destination_address = "0.0.0.0/0"
  next_hop_type       = "nat"
  next_hop_id         = baiducloud_nat_gateway.this.id
  description         = "Internet through the NAT gateway"
}

resource "baiducloud_security_group" "web" {
  name   = "${var.name}-web"
  vpc_id = baiducloud_vpc.this.id
}

resource "baiducloud_security_group_rule" "https" {
  security_group_id = baiducloud_security_group.web.id
  remark            = "HTTPS"
  protocol          = "tcp"
  port_range        = "443"
  direction         = "ingress"
  source_ip         = "all"
}
