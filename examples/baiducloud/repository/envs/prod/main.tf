terraform {
  required_providers {
    baiducloud = {
      source = "baidubce/baiducloud"
    }
  }
}

provider "baiducloud" {
  region = "bj"
}

locals {
  name = "maps-prod"
  subnets = {
    "cn-bj-a" = "192.168.1.0/24"
    "cn-bj-b" = "192.168.2.0/24"
  }
}

module "network" {
  source = "../../modules/network"

  name    = local.name
  cidr    = "192.168.0.0/16"
  subnets = local.subnets
}

module "office_vpn" {
  source = "../../modules/vpn"

  name                  = "${local.name}-office"
  vpc_id                = module.network.vpc_id
  route_table_id        = module.network.route_table_id
  local_subnets         = ["192.168.0.0/16"]
  peers                 = var.office_peers
  default_route_via_vpn = true
}

module "peering" {
  source   = "../../modules/peering"
  for_each = var.peerings

  vpc_id      = module.network.vpc_id
  peer_vpc_id = each.value.vpc_id
  peer_region = each.value.region
  description = each.key
}

resource "baiducloud_eip" "origin" {
  name              = "${local.name}-origin"
  bandwidth_in_mbps = 200
  payment_timing    = "Postpaid"
  billing_method    = "ByTraffic"
}

module "cdn" {
  source   = "../../modules/cdn"
  for_each = var.sites

  domain    = each.key
  origin_ip = "180.76.76.76"
  overseas  = each.value
}
