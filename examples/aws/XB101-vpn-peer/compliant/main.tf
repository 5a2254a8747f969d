# AWS China (Beijing) VPC with a site-to-site VPN to the Shanghai office (domestic IP-VPN).
provider "aws" {
  region = "cn-north-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_customer_gateway" "shanghai" {
  bgp_asn    = 65010
  ip_address = "114.114.114.114" # registered to CN
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "shanghai" {
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.shanghai.id
  type                = "ipsec.1"
  static_routes_only  = true
}
