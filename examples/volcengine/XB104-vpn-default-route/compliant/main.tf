# Only the office range goes into the (domestic) tunnel; the default route uses the NAT gateway.
provider "volcengine" {
  region = "cn-beijing"
}

resource "volcengine_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.10.0.0/16"
}

resource "volcengine_subnet" "vpn" {
  subnet_name = "vpn-subnet"
  cidr_block  = "10.10.1.0/24"
  zone_id     = "cn-beijing-a"
  vpc_id      = volcengine_vpc.main.id
}

resource "volcengine_vpn_gateway" "main" {
  vpc_id           = volcengine_vpc.main.id
  subnet_id        = volcengine_subnet.vpn.id
  bandwidth        = 20
  vpn_gateway_name = "prod-vpn"
  billing_type     = "PostPaid"
}

resource "volcengine_customer_gateway" "office" {
  customer_gateway_name = "branch-office"
  ip_address            = "114.114.114.114"
}

resource "volcengine_vpn_connection" "office" {
  vpn_connection_name = "to-branch-office"
  vpn_gateway_id      = volcengine_vpn_gateway.main.id
  customer_gateway_id = volcengine_customer_gateway.office.id
  local_subnet        = ["10.10.0.0/16"]
  remote_subnet       = ["192.168.50.0/24"]
  ike_config_psk      = var.psk
  ike_config_version  = "ikev2"
}

variable "psk" {
  type      = string
  sensitive = true
  default   = "change-me-please"
}

resource "volcengine_vpn_gateway_route" "office" {
  vpn_gateway_id         = volcengine_vpn_gateway.main.id
  destination_cidr_block = "192.168.50.0/24"
  next_hop_id            = volcengine_vpn_connection.office.id
}

resource "volcengine_nat_gateway" "egress" {
  vpc_id       = volcengine_vpc.main.id
  subnet_id    = volcengine_subnet.vpn.id
  spec         = "Small"
  network_type = "internet"
}

resource "volcengine_route_table" "private" {
  vpc_id           = volcengine_vpc.main.id
  route_table_name = "private"
}

resource "volcengine_route_entry" "default" {
  route_table_id         = volcengine_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  next_hop_type          = "NatGW"
  next_hop_id            = volcengine_nat_gateway.egress.id
}
