output "vpn_connection_id" {
  value = huaweicloud_vpn_connection.this.id
}
