# AWS China (Beijing) VPC with a site-to-site VPN to the Frankfurt office.
provider "aws" {
  region = "cn-north-1"
}

variable "office_ip" {
  description = "Public IP of the Frankfurt office firewall"
  type        = string
  default     = "18.184.10.10"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_customer_gateway" "frankfurt" {
  bgp_asn    = 65010
  ip_address = var.office_ip
  type       = "ipsec.1"
  tags = {
    Name = "frankfurt-office"
  }
}

resource "aws_vpn_connection" "frankfurt" {
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.frankfurt.id
  type                = "ipsec.1"
  static_routes_only  = true
}
