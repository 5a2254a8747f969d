terraform {
  required_providers {
    huaweicloud = {
      source = "huaweicloud/huaweicloud"
    }
    aws = {
      source = "hashicorp/aws"
    }
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}

provider "huaweicloud" {
  region = "cn-north-4"
}

provider "huaweicloud" {
  alias  = "shanghai"
  region = "cn-east-3"
}

provider "huaweicloud" {
  alias  = "hk"
  region = "ap-southeast-1"
}

provider "aws" {
  region = "cn-northwest-1"
}

provider "azurerm" {
  features {}
}

resource "huaweicloud_cc_connection" "prod" {
  name = "prod-backbone"
}

resource "huaweicloud_cc_connection" "analytics" {
  name = "analytics-backbone"
}

module "prod_bj" {
  source     = "../../modules/cc-member"
  name       = "prod-bj"
  cidr       = "10.1.0.0/16"
  cc_id      = huaweicloud_cc_connection.prod.id
  project_id = var.project_ids["cn-north-4"]
}

module "prod_sh" {
  source     = "../../modules/cc-member"
  providers  = { huaweicloud = huaweicloud.shanghai }
  name       = "prod-sh"
  cidr       = "10.2.0.0/16"
  cc_id      = huaweicloud_cc_connection.prod.id
  project_id = var.project_ids["cn-east-3"]
}

module "prod_hk" {
  source     = "../../modules/cc-member"
  providers  = { huaweicloud = huaweicloud.hk }
  name       = "prod-hk"
  cidr       = "10.3.0.0/16"
  cc_id      = huaweicloud_cc_connection.prod.id
  project_id = var.project_ids["ap-southeast-1"]
}

module "analytics_bj" {
  source     = "../../modules/cc-member"
  name       = "analytics-bj"
  cidr       = "10.11.0.0/16"
  cc_id      = huaweicloud_cc_connection.analytics.id
  project_id = var.project_ids["cn-north-4"]
}

module "analytics_sh" {
  source     = "../../modules/cc-member"
  providers  = { huaweicloud = huaweicloud.shanghai }
  name       = "analytics-sh"
  cidr       = "10.12.0.0/16"
  cc_id      = huaweicloud_cc_connection.analytics.id
  project_id = var.project_ids["cn-east-3"]
}

# Other clouds' gateways.
resource "aws_eip" "ningxia_vpn" {
  domain = "vpc"
}

resource "azurerm_resource_group" "hk" {
  name     = "rg-edge-hk"
  location = "East Asia"
}

resource "azurerm_public_ip" "hk_vpn" {
  name                = "pip-vpngw-hk"
  resource_group_name = azurerm_resource_group.hk.name
  location            = azurerm_resource_group.hk.location
  allocation_method   = "Static"
  sku                 = "Standard"
}

module "site_ningxia" {
  source       = "../../modules/vpn-site"
  name         = "bj-to-aws-zhy"
  gateway_id   = var.vpn_gateway_id
  gateway_ip   = var.vpn_gateway_eip_id
  peer_ip      = aws_eip.ningxia_vpn.public_ip
  peer_subnets = ["172.31.0.0/16"]
}

module "site_azure_hk" {
  source       = "../../modules/vpn-site"
  name         = "bj-to-azure-hk"
  gateway_id   = var.vpn_gateway_id
  gateway_ip   = var.vpn_gateway_eip_id
  peer_ip      = azurerm_public_ip.hk_vpn.ip_address
  peer_subnets = ["172.20.0.0/16"]
}
