# Azure China East 2: an application NIC without IP forwarding.
provider "azurerm" {
  features {}
  environment = "china"
}

resource "azurerm_resource_group" "net" {
  name     = "rg-nva"
  location = "China East 2"
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "nva" {
  name                 = "snet-nva"
  resource_group_name  = azurerm_resource_group.net.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.1.10.0/24"]
}

resource "azurerm_network_interface" "nva" {
  name                  = "nic-nva"
  location              = azurerm_resource_group.net.location
  resource_group_name   = azurerm_resource_group.net.name
  ip_forwarding_enabled = false

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.nva.id
    private_ip_address_allocation = "Static"
    private_ip_address            = "10.1.10.4"
  }
}
