# Proxy blocks: the default configuration is inherited, `aws.peer` must be passed by the caller.
provider "aws" {}

provider "aws" {
  alias = "peer"
}

data "aws_region" "peer" {
  provider = aws.peer
}

resource "aws_ec2_transit_gateway" "peer" {
  provider        = aws.peer
  description     = "${var.name} peer"
  amazon_side_asn = var.peer_asn
}

resource "aws_ec2_transit_gateway_peering_attachment" "this" {
  transit_gateway_id      = var.local_tgw_id
  peer_transit_gateway_id = aws_ec2_transit_gateway.peer.id
  peer_region             = data.aws_region.peer.name

  tags = {
    Name = var.name
  }
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "this" {
  provider                      = aws.peer
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.this.id
}
