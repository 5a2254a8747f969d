resource "tencentcloud_vpc_peer_connect_manager" "this" {
  source_vpc_id           = var.vpc_id
  peering_connection_name = var.name
  destination_vpc_id      = var.peer.vpc_id
  destination_uin         = var.peer.uin
  destination_region      = var.peer.region
  bandwidth               = 100
}
