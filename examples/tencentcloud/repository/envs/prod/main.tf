terraform {
  required_providers {
    tencentcloud = {
      source = "tencentcloudstack/tencentcloud"
    }
  }
}

provider "tencentcloud" {
  region = var.region
}

locals {
  name = "pay-prod"
  subnets = {
    "ap-shanghai-2" = "10.30.1.0/24"
    "ap-shanghai-4" = "10.30.2.0/24"
  }
}

module "network" {
  source = "../../modules/network"

  name          = local.name
  cidr_block    = "10.30.0.0/16"
  subnets       = local.subnets
  extra_ingress = var.ops_ingress
}

module "vpn" {
  source = "../../modules/vpn"

  name           = "${local.name}-sites"
  vpc_id         = module.network.vpc_id
  route_table_id = module.network.route_table_id
  peers          = var.vpn_peers
}

module "ccn" {
  source = "../../modules/ccn"

  name = "${local.name}-ccn"
  members = {
    shanghai = {
      vpc_id = module.network.vpc_id
      region = var.region
    }
    guangzhou-staging = {
      vpc_id = "vpc-gz0staging"
      region = "ap-guangzhou"
    }
    beijing-data = {
      vpc_id = "vpc-bj0data"
      region = "ap-beijing"
    }
  }
}

module "peering" {
  source   = "../../modules/peering"
  for_each = var.peerings

  name   = "${local.name}-${each.key}"
  vpc_id = module.network.vpc_id
  peer   = each.value
}
