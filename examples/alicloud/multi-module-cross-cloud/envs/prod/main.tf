terraform {
  required_providers {
    alicloud = {
      source = "aliyun/alicloud"
    }
    tencentcloud = {
      source = "tencentcloudstack/tencentcloud"
    }
  }
}

provider "alicloud" {
  region = "cn-shanghai"
}

provider "alicloud" {
  alias  = "beijing"
  region = "cn-beijing"
}

provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
}

provider "tencentcloud" {
  region = "ap-guangzhou"
}

provider "tencentcloud" {
  alias  = "hk"
  region = "ap-hongkong"
}

# The VPN hub in Shanghai (default alicloud configuration, inherited).
module "hub" {
  source     = "../../modules/vpn-hub"
  name       = "prod-hub"
  vpc_id     = var.hub_vpc_id
  vswitch_id = var.hub_vswitch_id
}

# Tencent Cloud branches: the same module, one per region.
module "branch_gz" {
  source    = "../../modules/tencent-branch"
  providers = { tencentcloud = tencentcloud }
  name      = "gz"
  zone      = "ap-guangzhou-3"
  vpc_id    = var.gz_vpc_id
  hub_ip    = module.hub.public_ip
  hub_cidrs = [var.hub_cidr]
}

module "branch_hk" {
  source    = "../../modules/tencent-branch"
  providers = { tencentcloud = tencentcloud.hk }
  name      = "hk"
  zone      = "ap-hongkong-2"
  vpc_id    = var.hk_vpc_id
  hub_ip    = module.hub.public_ip
  hub_cidrs = [var.hub_cidr]
}

# The hub's side of each tunnel.
module "hub_to_gz" {
  source         = "../../modules/hub-link"
  name           = "to-gz"
  vpn_gateway_id = module.hub.vpn_gateway_id
  peer_ip        = module.branch_gz.public_ip
  peer_cidr      = "10.20.0.0/16"
  local_cidr     = var.hub_cidr
}

module "hub_to_hk" {
  source         = "../../modules/hub-link"
  name           = "to-hk"
  vpn_gateway_id = module.hub.vpn_gateway_id
  peer_ip        = module.branch_hk.public_ip
  peer_cidr      = "10.30.0.0/16"
  local_cidr     = var.hub_cidr
}

# Transit-router peering from the Shanghai CEN transit router to a peer region.
module "dr_peering" {
  source    = "../../modules/tr-peering"
  providers = { alicloud = alicloud, alicloud.peer = alicloud.hk }
  cen_id    = var.cen_id
}

module "backup_peering" {
  source    = "../../modules/tr-peering"
  providers = { alicloud = alicloud, alicloud.peer = alicloud.beijing }
  cen_id    = var.cen_id
}
