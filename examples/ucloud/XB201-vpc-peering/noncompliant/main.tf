# Peering a Beijing VPC with a Hong Kong VPC.
provider "ucloud" {
  region     = "cn-bj2"
  project_id = "org-example"
}

resource "ucloud_vpc" "bj" {
  name        = "bj-vpc"
  cidr_blocks = ["192.168.0.0/16"]
}

variable "peer_vpc_id" {
  type    = string
  default = "uvnet-example"
}

resource "ucloud_vpc_peering_connection" "peer" {
  vpc_id      = ucloud_vpc.bj.id
  peer_vpc_id = var.peer_vpc_id
  peer_region = "hk"
}
