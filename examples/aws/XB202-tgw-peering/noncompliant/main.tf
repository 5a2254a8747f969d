# Transit gateway in AWS China (Beijing) peered with a transit gateway in Hong Kong (ap-east-1).
provider "aws" {
  region = "cn-north-1"
}

provider "aws" {
  alias  = "hk"
  region = "ap-east-1"
}

data "aws_caller_identity" "peer" {
  provider = aws.hk
}

resource "aws_ec2_transit_gateway" "beijing" {
  description = "Beijing hub"
  tags = {
    Name = "tgw-beijing"
  }
}

resource "aws_ec2_transit_gateway" "hk" {
  provider    = aws.hk
  description = "Hong Kong hub"
  tags = {
    Name = "tgw-hk"
  }
}

resource "aws_ec2_transit_gateway_peering_attachment" "bj_hk" {
  peer_account_id         = data.aws_caller_identity.peer.account_id
  peer_region             = "ap-east-1"
  peer_transit_gateway_id = aws_ec2_transit_gateway.hk.id
  transit_gateway_id      = aws_ec2_transit_gateway.beijing.id
  tags = {
    Name = "bj-hk"
  }
}

resource "aws_ec2_transit_gateway_peering_attachment_accepter" "hk" {
  provider                      = aws.hk
  transit_gateway_attachment_id = aws_ec2_transit_gateway_peering_attachment.bj_hk.id
  tags = {
    Name = "bj-hk-accepter"
  }
}
