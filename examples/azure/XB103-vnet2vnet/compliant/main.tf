# VNet-to-VNet IPsec between a gateway in Azure China East 2 and a gateway in China North 3.
provider "azurerm" {
  features {}
  environment = "china"
}

provider "azurerm" {
  alias       = "north"
  features {}
  environment = "china"
}

variable "shared_key" {
  type      = string
  sensitive = true
  default   = "change-me-please"
}

resource "azurerm_resource_group" "sha" {
  name     = "rg-net-sha"
  location = "China East 2"
}

resource "azurerm_resource_group" "peer" {
  provider = azurerm.north
  name     = "rg-net-north"
  location = "China North 3"
}

resource "azurerm_virtual_network" "sha" {
  name                = "vnet-sha"
  location            = azurerm_resource_group.sha.location
  resource_group_name = azurerm_resource_group.sha.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "sha_gw" {
  name                 = "GatewaySubnet"
  resource_group_name  = azurerm_resource_group.sha.name
  virtual_network_name = azurerm_virtual_network.sha.name
  address_prefixes     = ["10.1.255.0/27"]
}

resource "azurerm_public_ip" "sha_gw" {
  name                = "pip-vgw-sha"
  location            = azurerm_resource_group.sha.location
  resource_group_name = azurerm_resource_group.sha.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_virtual_network_gateway" "sha" {
  name                = "vgw-sha"
  location            = azurerm_resource_group.sha.location
  resource_group_name = azurerm_resource_group.sha.name
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw1"

  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.sha_gw.id
    subnet_id            = azurerm_subnet.sha_gw.id
  }
}

resource "azurerm_virtual_network" "peer" {
  provider            = azurerm.north
  name                = "vnet-north"
  location            = azurerm_resource_group.peer.location
  resource_group_name = azurerm_resource_group.peer.name
  address_space       = ["10.2.0.0/16"]
}

resource "azurerm_subnet" "peer_gw" {
  provider             = azurerm.north
  name                 = "GatewaySubnet"
  resource_group_name  = azurerm_resource_group.peer.name
  virtual_network_name = azurerm_virtual_network.peer.name
  address_prefixes     = ["10.2.255.0/27"]
}

resource "azurerm_public_ip" "peer_gw" {
  provider            = azurerm.north
  name                = "pip-vgw-north"
  location            = azurerm_resource_group.peer.location
  resource_group_name = azurerm_resource_group.peer.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_virtual_network_gateway" "peer" {
  provider            = azurerm.north
  name                = "vgw-north"
  location            = azurerm_resource_group.peer.location
  resource_group_name = azurerm_resource_group.peer.name
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw1"

  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.peer_gw.id
    subnet_id            = azurerm_subnet.peer_gw.id
  }
}

resource "azurerm_virtual_network_gateway_connection" "sha_to_north" {
  name                = "sha-to-north"
  location            = azurerm_resource_group.sha.location
  resource_group_name = azurerm_resource_group.sha.name

  type                            = "Vnet2Vnet"
  virtual_network_gateway_id      = azurerm_virtual_network_gateway.sha.id
  peer_virtual_network_gateway_id = azurerm_virtual_network_gateway.peer.id
  shared_key                      = var.shared_key
}
