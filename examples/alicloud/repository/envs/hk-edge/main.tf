# The Hong Kong edge: a VPC with its own NAT egress. Both ends of everything here are outside the
# mainland, so nothing in it is in scope.
provider "alicloud" {
  region = "cn-hongkong"
}

module "network" {
  source = "../../modules/network"

  name          = "shop-hk-edge"
  cidr_block    = "10.20.0.0/16"
  vswitches     = var.vswitches
  https_sources = ["0.0.0.0/0", "::/0"]
}

module "regional_vpn" {
  source = "../../modules/vpn"

  name          = "shop-hk-edge-sg"
  vpc_id        = module.network.vpc_id
  vswitch_id    = module.network.vswitch_ids["cn-hongkong-b"]
  local_subnets = ["10.20.0.0/16"]
  peers         = var.vpn_peers
}
