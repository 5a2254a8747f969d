resource "tencentcloud_vpc" "this" {
  name       = var.name
  cidr_block = var.cidr_block
}

resource "tencentcloud_subnet" "this" {
  for_each = var.subnets

  name              = "${var.name}-${each.key}"
  vpc_id            = tencentcloud_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
}

# Internet egress: NAT gateway with an EIP, the approved exit.
resource "tencentcloud_eip" "nat" {
  name                 = "${var.name}-nat"
  internet_charge_type = "TRAFFIC_POSTPAID_BY_HOUR"
}

resource "tencentcloud_nat_gateway" "this" {
  name             = "${var.name}-nat"
  vpc_id           = tencentcloud_vpc.this.id
  bandwidth        = 100
  max_concurrent   = 1000000
  assigned_eip_set = [tencentcloud_eip.nat.public_ip]
}

resource "tencentcloud_route_table" "this" {
  name   = "${var.name}-rt"
  vpc_id = tencentcloud_vpc.this.id
}

resource "tencentcloud_route_table_entry" "internet" {
  route_table_id         = tencentcloud_route_table.this.id
  destination_cidr_block = "0.0.0.0/0"
  next_type              = "NAT"
  next_hub               = tencentcloud_nat_gateway.this.id
  description            = "Internet through the NAT gateway"
}

resource "tencentcloud_security_group" "web" {
  name        = "${var.name}-web"
  description = "web tier"
}

resource "tencentcloud_security_group_rule_set" "web" {
  security_group_id = tencentcloud_security_group.web.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "TCP"
    port        = "443"
    description = "HTTPS"
  }

  dynamic "ingress" {
    for_each = var.extra_ingress
    content {
      action      = "ACCEPT"
      cidr_block  = ingress.value.cidr_block
      protocol    = ingress.value.protocol
      port        = ingress.value.port
      description = ingress.value.description
    }
  }

  egress {
    action      = "ACCEPT"
    cidr_block  = "0.0.0.0/0"
    protocol    = "ALL"
    port        = "ALL"
    description = "all outbound through the NAT gateway"
  }
}
