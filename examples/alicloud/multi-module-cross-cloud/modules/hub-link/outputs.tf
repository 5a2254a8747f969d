output "vpn_connection_id" {
  value = alicloud_vpn_connection.this.id
}
