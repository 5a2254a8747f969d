output "connection_id" {
  value = azurerm_virtual_network_gateway_connection.this.id
}
