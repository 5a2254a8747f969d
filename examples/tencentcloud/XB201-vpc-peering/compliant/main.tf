# Beijing VPC peered with a VPC in Nanjing.
provider "tencentcloud" {
  region = "ap-beijing"
}

resource "tencentcloud_vpc" "bj" {
  name       = "app-bj"
  cidr_block = "10.40.0.0/16"
}

resource "tencentcloud_vpc_peer_connect_manager" "peer" {
  source_vpc_id           = tencentcloud_vpc.bj.id
  peering_connection_name = "bj-to-nj"
  destination_vpc_id      = "vpc-0a1b2c3d"
  destination_uin         = "100000000001"
  destination_region      = "ap-nanjing"
  bandwidth               = 100
}
