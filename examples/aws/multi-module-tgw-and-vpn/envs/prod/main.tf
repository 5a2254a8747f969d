terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    alicloud = {
      source = "aliyun/alicloud"
    }
  }
}

provider "aws" {
  region = "cn-north-1"
}

provider "aws" {
  alias  = "ningxia"
  region = "cn-northwest-1"
}

provider "aws" {
  alias  = "tokyo"
  region = "ap-northeast-1"
}

provider "alicloud" {
  region = "cn-shanghai"
}

provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
}

module "hub" {
  source = "../../modules/tgw-hub"
  name   = "prod-bjs"
  asn    = 64512
}

module "peer_ningxia" {
  source       = "../../modules/tgw-peer"
  providers    = { aws = aws, aws.peer = aws.ningxia }
  name         = "bjs-zhy"
  local_tgw_id = module.hub.transit_gateway_id
  peer_asn     = 64513
}

module "peer_tokyo" {
  source       = "../../modules/tgw-peer"
  providers    = { aws = aws, aws.peer = aws.tokyo }
  name         = "bjs-nrt"
  local_tgw_id = module.hub.transit_gateway_id
  peer_asn     = 64514
}

module "edge_sh" {
  source = "../../modules/ali-edge"
  name   = "edge-sh"
  vpc_id = var.ali_sh_vpc_id
}

module "edge_hk" {
  source    = "../../modules/ali-edge"
  providers = { alicloud = alicloud.hk }
  name      = "edge-hk"
  vpc_id    = var.ali_hk_vpc_id
}

module "link_sh" {
  source             = "../../modules/site-link"
  name               = "bjs-to-ali-sh"
  transit_gateway_id = module.hub.transit_gateway_id
  peer_ip            = module.edge_sh.public_ip
  bgp_asn            = 65001
}

module "link_hk" {
  source             = "../../modules/site-link"
  name               = "bjs-to-ali-hk"
  transit_gateway_id = module.hub.transit_gateway_id
  peer_ip            = module.edge_hk.public_ip
  bgp_asn            = 65002
}

module "return_hk" {
  source         = "../../modules/ali-return-link"
  providers      = { alicloud = alicloud.hk }
  name           = "ali-hk-to-bjs"
  vpn_gateway_id = module.edge_hk.vpn_gateway_id
  peer_ip        = module.link_hk.tunnel1_address
}
