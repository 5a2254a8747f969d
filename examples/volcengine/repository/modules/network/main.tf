resource "volcengine_vpc" "this" {
  vpc_name   = var.name
  cidr_block = var.cidr_block
}

resource "volcengine_subnet" "this" {
  for_each = var.subnets

  subnet_name = "${var.name}-${each.key}"
  vpc_id      = volcengine_vpc.this.id
  zone_id     = each.key
  cidr_block  = each.value
}

# Internet egress: NAT gateway + EIP.
resource "volcengine_nat_gateway" "this" {
  vpc_id           = volcengine_vpc.this.id
  subnet_id        = values(volcengine_subnet.this)[0].id
  spec             = "Small"
  nat_gateway_name = "${var.name}-nat"
}

resource "volcengine_eip_address" "nat" {
  billing_type = "PostPaidByTraffic"
  bandwidth    = 100
  isp          = "BGP"
  name         = "${var.name}-nat"
}

resource "volcengine_eip_associate" "nat" {
  allocation_id = volcengine_eip_address.nat.id
  instance_id   = volcengine_nat_gateway.this.id
  instance_type = "Nat"
}

resource "volcengine_snat_entry" "this" {
  for_each = volcengine_subnet.this

  snat_entry_name = "${var.name}-${each.key}"
  nat_gateway_id  = volcengine_nat_gateway.this.id
  eip_id          = volcengine_eip_address.nat.id
  subnet_id       = each.value.id
}

resource "volcengine_route_table" "this" {
  vpc_id           = volcengine_vpc.this.id
  route_table_name = "${var.name}-rt"
}

resource "volcengine_security_group" "web" {
  vpc_id              = volcengine_vpc.this.id
  security_group_name = "${var.name}-web"
}

resource "volcengine_security_group_rule" "https" {
  direction         = "ingress"
  security_group_id = volcengine_security_group.web.id
  protocol          = "tcp"
  port_start        = 443
  port_end          = 443
  cidr_ip           = "0.0.0.0/0"
  policy            = "accept"
  priority          = 1
}
