# Peering a Beijing VPC with a Hong Kong (hkg) VPC.
provider "baiducloud" {
  region = "bj"
}

provider "baiducloud" {
  alias  = "peer"
  region = "hkg"
}

resource "baiducloud_vpc" "local" {
  name = "bj-vpc"
  cidr = "172.16.0.0/16"
}

resource "baiducloud_vpc" "peer" {
  provider = baiducloud.peer
  name     = "peer-vpc"
  cidr     = "172.17.0.0/16"
}

resource "baiducloud_peer_conn" "main" {
  bandwidth_in_mbps = 20
  local_vpc_id      = baiducloud_vpc.local.id
  peer_vpc_id       = baiducloud_vpc.peer.id
  peer_region       = "hkg"
  billing = {
    payment_timing = "Postpaid"
  }
}

resource "baiducloud_peer_conn_acceptor" "main" {
  provider     = baiducloud.peer
  peer_conn_id = baiducloud_peer_conn.main.id
  auto_accept  = true
}
