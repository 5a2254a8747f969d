output "peer_connection_id" {
  value = alicloud_vpc_peer_connection.this.id
}
