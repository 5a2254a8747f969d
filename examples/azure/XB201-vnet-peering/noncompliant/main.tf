# VNet in Azure China East 2 peered with a VNet in East Asia (Hong Kong, global Azure).
provider "azurerm" {
  features {}
  environment = "china"
}

provider "azurerm" {
  alias       = "global"
  features {}
  environment = "public"
}

resource "azurerm_resource_group" "sha" {
  name     = "rg-sha"
  location = "chinaeast2"
}

resource "azurerm_resource_group" "peer" {
  provider = azurerm.global
  name     = "rg-global"
  location = "eastasia"
}

resource "azurerm_virtual_network" "sha" {
  name                = "vnet-sha"
  location            = azurerm_resource_group.sha.location
  resource_group_name = azurerm_resource_group.sha.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_virtual_network" "peer" {
  provider            = azurerm.global
  name                = "vnet-global"
  location            = azurerm_resource_group.peer.location
  resource_group_name = azurerm_resource_group.peer.name
  address_space       = ["10.2.0.0/16"]
}

resource "azurerm_virtual_network_peering" "sha_to_peer" {
  name                      = "sha-to-global"
  resource_group_name       = azurerm_resource_group.sha.name
  virtual_network_name      = azurerm_virtual_network.sha.name
  remote_virtual_network_id = azurerm_virtual_network.peer.id
  allow_forwarded_traffic   = true
}

resource "azurerm_virtual_network_peering" "peer_to_sha" {
  provider                  = azurerm.global
  name                      = "global-to-sha"
  resource_group_name       = azurerm_resource_group.peer.name
  virtual_network_name      = azurerm_virtual_network.peer.name
  remote_virtual_network_id = azurerm_virtual_network.sha.id
}
