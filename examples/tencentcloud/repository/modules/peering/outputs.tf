output "peering_id" {
  value = tencentcloud_vpc_peer_connect_manager.this.id
}
