# Site-to-site VPN from Azure China East 2 to the Hong Kong office (58.176.0.1, registered to HK).
provider "azurerm" {
  features {}
  environment = "china"
}

variable "office_gateway_ip" {
  type    = string
  default = "58.176.0.1"
}

variable "shared_key" {
  type      = string
  sensitive = true
  default   = "change-me-please"
}

locals {
  location = "China East 2"
  tags = {
    owner = "network-team"
  }
}

resource "azurerm_resource_group" "net" {
  name     = "rg-vpn"
  location = local.location
  tags     = local.tags
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "gw" {
  name                 = "GatewaySubnet"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.1.255.0/27"]
}

resource "azurerm_public_ip" "gw" {
  name                = "pip-vgw"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_virtual_network_gateway" "hub" {
  name                = "vgw-hub"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw1"

  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.gw.id
    subnet_id            = azurerm_subnet.gw.id
  }
}

resource "azurerm_local_network_gateway" "hk" {
  name                = "lng-hk-office"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name
  gateway_address     = var.office_gateway_ip
  address_space       = ["192.168.20.0/24"]
  tags                = local.tags
}

resource "azurerm_virtual_network_gateway_connection" "hk" {
  name                       = "cn-hk-office"
  location                   = azurerm_resource_group.net.location
  resource_group_name        = azurerm_resource_group.net.name
  type                       = "IPsec"
  virtual_network_gateway_id = azurerm_virtual_network_gateway.hub.id
  local_network_gateway_id   = azurerm_local_network_gateway.hk.id
  shared_key                 = var.shared_key
}
