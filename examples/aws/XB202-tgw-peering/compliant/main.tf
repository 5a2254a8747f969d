# Transit gateway in AWS China (Beijing) peered with a transit gateway in Ningxia (cn-northwest-1).
provider "aws" {
  region = "cn-north-1"
}

provider "aws" {
  alias  = "ningxia"
  region = "cn-northwest-1"
}

data "aws_caller_identity" "peer" {
  provider = aws.ningxia
}

resource "aws_ec2_transit_gateway" "beijing" {
  description = "Beijing hub"
  tags = {
    Name = "tgw-beijing"
  }
}

resource "aws_ec2_transit_gateway" "ningxia" {
  provider    = aws.ningxia
  description = "Ningxia hub"
  tags = {
    Name = "tgw-ningxia"
  }
}

resource "aws_ec2_transit_gateway_peering_attachment" "bj_ningxia" {
  peer_account_id         = data.aws_caller_identity.peer.account_id
  peer_region             = "cn-northwest-1"
  peer_transit_gateway_id = aws_ec2_transit_gateway.ningxia.id
  transit_gateway_id      = aws_ec2_transit_gateway.beijing.id
  tags = {
    Name = "bj-ningxia"
  }
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "ningxia" {
  provider                      = aws.ningxia
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.bj_ningxia.id
  tags = {
    Name = "bj-ningxia-accepter"
  }
}
