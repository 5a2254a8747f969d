terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.0"
    }
  }
}

provider "azurerm" {
  features {}
}

provider "azurerm" {
  alias       = "china"
  environment = "china"
  features {}
}

module "gw_sha" {
  source    = "../../modules/vpn-gateway"
  providers = { azurerm = azurerm.china }
  name      = "sha"
  location  = "China East 2"
  subnet_id = var.subnet_ids["sha"]
}

module "gw_bjs" {
  source    = "../../modules/vpn-gateway"
  providers = { azurerm = azurerm.china }
  name      = "bjs"
  location  = "China North 3"
  subnet_id = var.subnet_ids["bjs"]
}

module "gw_hkg" {
  source    = "../../modules/vpn-gateway"
  name      = "hkg"
  location  = "East Asia"
  subnet_id = var.subnet_ids["hkg"]
}

module "sha_to_bjs" {
  source             = "../../modules/site-link"
  providers          = { azurerm = azurerm.china }
  name               = "sha-to-bjs"
  location           = "China East 2"
  resource_group     = module.gw_sha.resource_group_name
  gateway_id         = module.gw_sha.gateway_id
  peer_ip            = module.gw_bjs.public_ip
  peer_address_space = ["10.2.0.0/16"]
}

module "sha_to_hkg" {
  source             = "../../modules/site-link"
  providers          = { azurerm = azurerm.china }
  name               = "sha-to-hkg"
  location           = "China East 2"
  resource_group     = module.gw_sha.resource_group_name
  gateway_id         = module.gw_sha.gateway_id
  peer_ip            = module.gw_hkg.public_ip
  peer_address_space = ["10.3.0.0/16"]
}
