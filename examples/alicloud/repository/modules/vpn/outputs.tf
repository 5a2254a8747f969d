output "vpn_gateway_id" {
  value = alicloud_vpn_gateway.this.id
}

output "connection_ids" {
  value = { for site, c in alicloud_vpn_connection.site : site => c.id }
}
