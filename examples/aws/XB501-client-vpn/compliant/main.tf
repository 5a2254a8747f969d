# Remote access to the AWS China (Beijing) VPC without a public VPN server: staff connect from the
# Shanghai office over a domestic site-to-site VPN (both ends in the mainland).
provider "aws" {
  region = "cn-north-1"
}

variable "shanghai_office_ip" {
  type    = string
  default = "114.114.114.114" # registered to CN
}

resource "aws_vpc" "corp" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_vpn_gateway" "corp" {
  vpc_id = aws_vpc.corp.id
  tags = {
    Name = "corp-vgw"
  }
}

resource "aws_customer_gateway" "shanghai" {
  bgp_asn    = 65020
  ip_address = var.shanghai_office_ip
  type       = "ipsec.1"
  tags = {
    Name = "shanghai-office"
  }
}

resource "aws_vpn_connection" "shanghai" {
  vpn_gateway_id      = aws_vpn_gateway.corp.id
  customer_gateway_id = aws_customer_gateway.shanghai.id
  type                = "ipsec.1"
  static_routes_only  = true
}

resource "aws_vpn_connection_route" "office_lan" {
  destination_cidr_block = "192.168.10.0/24"
  vpn_connection_id      = aws_vpn_connection.shanghai.id
}
