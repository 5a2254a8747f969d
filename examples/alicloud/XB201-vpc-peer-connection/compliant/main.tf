# Inter-region VPC peering between two mainland regions.
provider "alicloud" {
  alias  = "local"
  region = "cn-beijing"
}

provider "alicloud" {
  alias  = "peer"
  region = "cn-shanghai"
}

data "alicloud_account" "current" {
  provider = alicloud.local
}

resource "alicloud_vpc" "local" {
  provider   = alicloud.local
  vpc_name   = "app-cn-beijing"
  cidr_block = "10.30.0.0/16"
}

resource "alicloud_vpc" "peer" {
  provider   = alicloud.peer
  vpc_name   = "app-cn-shanghai"
  cidr_block = "10.31.0.0/16"
}

resource "alicloud_vpc_peer_connection" "app" {
  provider             = alicloud.local
  peer_connection_name = "app-cn-beijing-to-cn-shanghai"
  vpc_id               = alicloud_vpc.local.id
  accepting_ali_uid    = data.alicloud_account.current.id
  accepting_region_id  = "cn-shanghai"
  accepting_vpc_id     = alicloud_vpc.peer.id
  bandwidth            = 100
}

resource "alicloud_vpc_peer_connection_accepter" "app" {
  provider    = alicloud.peer
  instance_id = alicloud_vpc_peer_connection.app.id
}
