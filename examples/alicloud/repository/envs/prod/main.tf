terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = "~> 1.230"
    }
  }
}

provider "alicloud" {
  region = var.region
}

locals {
  name = "shop-${var.env}"
  zones = {
    "cn-shanghai-e" = "10.10.1.0/24"
    "cn-shanghai-f" = "10.10.2.0/24"
  }
}

module "network" {
  source = "../../modules/network"

  name       = local.name
  cidr_block = "10.10.0.0/16"
  vswitches  = local.zones
}

module "vpn" {
  source = "../../modules/vpn"

  name          = "${local.name}-offices"
  vpc_id        = module.network.vpc_id
  vswitch_id    = module.network.vswitch_ids["cn-shanghai-e"]
  local_subnets = ["10.10.0.0/16"]
  peers         = var.vpn_peers
}

module "partner_peering" {
  source = "../../modules/peering"

  name            = "${local.name}-partner"
  vpc_id          = module.network.vpc_id
  peer_vpc_id     = var.partner_peering.vpc_id
  peer_region     = var.partner_peering.region
  peer_account_id = var.partner_peering.account_id
}

module "backbone" {
  source = "../../modules/cen"

  name = "${local.name}-backbone"
  members = merge({
    shanghai = {
      vpc_id = module.network.vpc_id
      region = var.region
    }
  }, var.backbone_members)
}

module "ga" {
  source = "../../modules/ga"

  name         = "${local.name}-global"
  cross_border = var.ga_cross_border
}
