terraform {
  required_providers {
    tencentcloud = {
      source = "tencentcloudstack/tencentcloud"
    }
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
    }
  }
}

# Credentials and region come from the environment in CI; the region is the provider's
# documented default, ap-guangzhou, when TENCENTCLOUD_REGION is not set.
provider "tencentcloud" {}

provider "tencentcloud" {
  alias  = "hk"
  region = "ap-hongkong"
}

provider "huaweicloud" {
  region = "cn-east-3"
}

module "tc_gz" {
  source = "../../modules/tencent-gateway"
  name   = "gz"
  vpc_id = var.tc_gz_vpc_id
  zone   = "ap-guangzhou-3"
}

module "tc_hk" {
  source    = "../../modules/tencent-gateway"
  providers = { tencentcloud = tencentcloud.hk }
  name      = "hk"
  vpc_id    = var.tc_hk_vpc_id
  zone      = "ap-hongkong-2"
}

# Huawei Cloud Shanghai: one site per Tencent gateway.
module "hw_to_gz" {
  source        = "../../modules/huawei-site"
  providers     = { huaweicloud = huaweicloud }
  name          = "sha-to-gz"
  vpc_id        = var.hw_vpc_id
  subnet_id     = var.hw_subnet_id
  peer_ip       = module.tc_gz.public_ip
  peer_subnets  = ["10.20.0.0/16"]
  local_subnets = ["10.50.0.0/16"]
}

module "hw_to_hk" {
  source        = "../../modules/huawei-site"
  providers     = { huaweicloud = huaweicloud }
  name          = "sha-to-hk"
  vpc_id        = var.hw_vpc_id
  subnet_id     = var.hw_subnet_id
  peer_ip       = module.tc_hk.public_ip
  peer_subnets  = ["10.30.0.0/16"]
  local_subnets = ["10.50.0.0/16"]
}

# Tencent Cloud's side of each tunnel.
module "gz_link" {
  source         = "../../modules/tencent-link"
  name           = "gz-to-sha"
  vpc_id         = var.tc_gz_vpc_id
  vpn_gateway_id = module.tc_gz.vpn_gateway_id
  peer_ip        = module.hw_to_gz.eip_address
  remote_cidrs   = ["10.50.0.0/16"]
}

module "hk_link" {
  source         = "../../modules/tencent-link"
  providers      = { tencentcloud = tencentcloud.hk }
  name           = "hk-to-sha"
  vpc_id         = var.tc_hk_vpc_id
  vpn_gateway_id = module.tc_hk.vpn_gateway_id
  peer_ip        = module.hw_to_hk.eip_address
  remote_cidrs   = ["10.50.0.0/16"]
}
