# AWS Client VPN endpoint in AWS China (Beijing): remote users can dial in from anywhere,
# including from abroad.
provider "aws" {
  region = "cn-north-1"
}

variable "server_certificate_arn" {
  type    = string
  default = "arn:aws-cn:acm:cn-north-1:123456789012:certificate/0b1c2d3e-1111-2222-3333-444455556666"
}

resource "aws_vpc" "corp" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_subnet" "corp_a" {
  vpc_id     = aws_vpc.corp.id
  cidr_block = "10.60.1.0/24"
}

resource "aws_cloudwatch_log_group" "vpn" {
  name = "/corp/client-vpn"
}

resource "aws_ec2_client_vpn_endpoint" "staff" {
  description            = "staff remote access"
  server_certificate_arn = var.server_certificate_arn
  client_cidr_block      = "172.16.0.0/22"
  split_tunnel           = true

  authentication_options {
    type                       = "certificate-authentication"
    root_certificate_chain_arn = var.server_certificate_arn
  }

  connection_log_options {
    enabled              = true
    cloudwatch_log_group = aws_cloudwatch_log_group.vpn.name
  }

  tags = {
    Name = "staff-vpn"
  }
}

resource "aws_ec2_client_vpn_network_association" "corp_a" {
  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.staff.id
  subnet_id              = aws_subnet.corp_a.id
}
