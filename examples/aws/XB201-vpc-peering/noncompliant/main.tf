# VPC in AWS China (Beijing) peered with a VPC in Hong Kong (ap-east-1): a backbone link past the
# approved international exits.
provider "aws" {
  region = "cn-north-1"
}

provider "aws" {
  alias  = "hk"
  region = "ap-east-1"
}

resource "aws_vpc" "beijing" {
  cidr_block = "10.10.0.0/16"
  tags = {
    Name = "beijing-app"
  }
}

resource "aws_vpc" "hongkong" {
  provider   = aws.hk
  cidr_block = "10.40.0.0/16"
  tags = {
    Name = "hk-shared"
  }
}

resource "aws_vpc_peering_connection" "bj_to_hk" {
  vpc_id      = aws_vpc.beijing.id
  peer_vpc_id = aws_vpc.hongkong.id
  peer_region = "ap-east-1"
  tags = {
    Side = "requester"
  }
}

resource "aws_vpc_peering_connection_accepter" "hk" {
  provider                  = aws.hk
  vpc_peering_connection_id = aws_vpc_peering_connection.bj_to_hk.id
  auto_accept               = true
  tags = {
    Side = "accepter"
  }
}
