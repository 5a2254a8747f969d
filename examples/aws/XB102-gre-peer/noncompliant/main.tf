# AWS China (Beijing) transit gateway with a Connect (GRE) attachment whose peer is an SD-WAN
# appliance in Hong Kong.
provider "aws" {
  region = "cn-north-1"
}

variable "sdwan_peer_ip" {
  description = "Public address of the SD-WAN hub in Hong Kong"
  type        = string
  default     = "58.176.0.1"
}

resource "aws_vpc" "transit" {
  cidr_block = "10.30.0.0/16"
  tags = {
    Name = "transit"
  }
}

resource "aws_subnet" "transit_a" {
  vpc_id     = aws_vpc.transit.id
  cidr_block = "10.30.1.0/24"
}

resource "aws_ec2_transit_gateway" "main" {
  description                     = "Beijing hub"
  amazon_side_asn                 = 64512
  transit_gateway_cidr_blocks     = ["10.99.0.0/24"]
  default_route_table_association = "enable"
}

resource "aws_ec2_transit_gateway_vpc_attachment" "transit" {
  transit_gateway_id = aws_ec2_transit_gateway.main.id
  vpc_id             = aws_vpc.transit.id
  subnet_ids         = [aws_subnet.transit_a.id]
}

resource "aws_ec2_transit_gateway_connect" "sdwan" {
  transport_attachment_id = aws_ec2_transit_gateway_vpc_attachment.transit.id
  transit_gateway_id      = aws_ec2_transit_gateway.main.id
}

resource "aws_ec2_transit_gateway_connect_peer" "hk_hub" {
  transit_gateway_attachment_id = aws_ec2_transit_gateway_connect.sdwan.id
  peer_address                  = var.sdwan_peer_ip
  inside_cidr_blocks            = ["169.254.100.0/29"]
  bgp_asn                       = 65100
  tags = {
    Name = "hk-sdwan-hub"
  }
}
