resource "azurerm_local_network_gateway" "peer" {
  name                = "lgw-${var.name}"
  resource_group_name = var.resource_group
  location            = var.location
  gateway_address     = var.peer_ip
  address_space       = var.peer_address_space
}

resource "azurerm_virtual_network_gateway_connection" "this" {
  name                       = "cn-${var.name}"
  resource_group_name        = var.resource_group
  location                   = var.location
  type                       = "IPsec"
  virtual_network_gateway_id = var.gateway_id
  local_network_gateway_id   = azurerm_local_network_gateway.peer.id
  shared_key                 = "change-me"
}
