resource "azurerm_resource_group" "this" {
  name     = "rg-vpn-${var.name}"
  location = var.location
}

resource "azurerm_public_ip" "this" {
  name                = "pip-vpngw-${var.name}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_virtual_network_gateway" "this" {
  name                = "vpngw-${var.name}"
  resource_group_name = azurerm_resource_group.this.name
  location            = azurerm_resource_group.this.location
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw1"

  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.this.id
    subnet_id            = var.subnet_id
  }
}
