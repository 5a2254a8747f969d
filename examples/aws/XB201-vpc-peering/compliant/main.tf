# VPC in AWS China (Beijing) peered with a VPC in AWS China (Ningxia): both ends in the mainland.
provider "aws" {
  region = "cn-north-1"
}

provider "aws" {
  alias  = "ningxia"
  region = "cn-northwest-1"
}

resource "aws_vpc" "beijing" {
  cidr_block = "10.10.0.0/16"
  tags = {
    Name = "beijing-app"
  }
}

resource "aws_vpc" "ningxia" {
  provider   = aws.ningxia
  cidr_block = "10.50.0.0/16"
  tags = {
    Name = "ningxia-data"
  }
}

resource "aws_vpc_peering_connection" "bj_to_nx" {
  vpc_id      = aws_vpc.beijing.id
  peer_vpc_id = aws_vpc.ningxia.id
  peer_region = "cn-northwest-1"
  tags = {
    Side = "requester"
  }
}

resource "aws_vpc_peering_connection_accepter" "nx" {
  provider                  = aws.ningxia
  vpc_peering_connection_id = aws_vpc_peering_connection.bj_to_nx.id
  auto_accept               = true
  tags = {
    Side = "accepter"
  }
}
