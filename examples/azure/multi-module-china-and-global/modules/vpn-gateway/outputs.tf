output "resource_group_name" {
  value = azurerm_resource_group.this.name
}

output "gateway_id" {
  value = azurerm_virtual_network_gateway.this.id
}

output "public_ip" {
  value = azurerm_public_ip.this.ip_address
}
