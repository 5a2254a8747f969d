provider "aws" {}

resource "aws_customer_gateway" "this" {
  bgp_asn    = var.bgp_asn
  ip_address = var.peer_ip
  type       = "ipsec.1"

  tags = {
    Name = var.name
  }
}

resource "aws_vpn_connection" "this" {
  transit_gateway_id  = var.transit_gateway_id
  customer_gateway_id = aws_customer_gateway.this.id
  type                = "ipsec.1"
}
