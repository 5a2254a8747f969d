terraform {
  required_providers {
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
    }
  }
}

provider "huaweicloud" {
  region = var.region
}

locals {
  name = "erp-prod"
  subnets = {
    app = { cidr = "10.40.1.0/24", gateway_ip = "10.40.1.1" }
    db  = { cidr = "10.40.2.0/24", gateway_ip = "10.40.2.1" }
  }
  office_ips = [for o in values(var.offices) : "${o.ip}/32"]
}

module "network" {
  source = "../../modules/network"

  name        = local.name
  cidr        = "10.40.0.0/16"
  subnets     = local.subnets
  ike_sources = local.office_ips
}

module "vpn" {
  source = "../../modules/vpn"

  name                  = "${local.name}-offices"
  vpc_id                = module.network.vpc_id
  subnet_id             = module.network.subnet_ids["app"]
  local_subnets         = ["10.40.0.0/16"]
  peers                 = var.offices
  default_route_via_vpn = true
}

module "backbone" {
  source = "../../modules/cloud-connect"

  name = "${local.name}-cc"
  networks = merge({
    beijing = {
      vpc_id     = module.network.vpc_id
      region     = var.region
      project_id = "0a1b2c3d4e5f0001"
      cidrs      = ["10.40.0.0/16"]
    }
  }, var.backbone_networks)
  bandwidth_package = var.backbone_bandwidth
  inter_region      = var.backbone_links
}

resource "huaweicloud_vpc_eip" "origin" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "${local.name}-origin"
    size        = 50
    share_type  = "PER"
    charge_mode = "traffic"
  }
}

module "ga" {
  source = "../../modules/ga"

  name          = "${local.name}-global"
  entry_area    = var.ga_entry_area
  origin_region = var.region
  origin_eip_id = huaweicloud_vpc_eip.origin.id
}
