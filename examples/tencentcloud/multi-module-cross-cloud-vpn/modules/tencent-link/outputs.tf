output "vpn_connection_id" {
  value = tencentcloud_vpn_connection.this.id
}
