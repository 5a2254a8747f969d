terraform {
  required_providers {
    volcengine = {
      source = "volcengine/volcengine"
    }
  }
}

provider "volcengine" {
  region = var.region
}

locals {
  name = "feed-prod"
  subnets = {
    "cn-beijing-a" = "172.16.1.0/24"
    "cn-beijing-b" = "172.16.2.0/24"
  }
}

module "network" {
  source = "../../modules/network"

  name       = local.name
  cidr_block = "172.16.0.0/16"
  subnets    = local.subnets
}

module "idc_vpn" {
  source = "../../modules/vpn"

  name                  = "${local.name}-idc"
  vpc_id                = module.network.vpc_id
  subnet_id             = module.network.subnet_ids["cn-beijing-a"]
  route_table_id        = module.network.route_table_id
  local_subnets         = ["172.16.0.0/16"]
  peers                 = var.idc_peers
  default_route_via_vpn = true
}

module "cen" {
  source = "../../modules/cen"

  name = "${local.name}-cen"
  members = merge(
    { beijing = { vpc_id = module.network.vpc_id, region = var.region } },
    var.cen_members,
  )
  bandwidth_package  = var.cen_bandwidth_package
  inter_region_links = var.cen_links
}
