# A Beijing4 VPC peered with another Beijing4 VPC.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_vpc" "app" {
  name = "app"
  cidr = "10.60.0.0/16"
}

resource "huaweicloud_vpc" "shared" {
  region = "cn-north-4"
  name   = "shared-services"
  cidr   = "10.61.0.0/16"
}

resource "huaweicloud_vpc_peering_connection" "app_shared" {
  name        = "app-to-shared"
  vpc_id      = huaweicloud_vpc.app.id
  peer_vpc_id = huaweicloud_vpc.shared.id
}
