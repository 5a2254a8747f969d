resource "alicloud_vpc_peer_connection" "this" {
  peer_connection_name = var.name
  vpc_id               = var.vpc_id
  accepting_vpc_id     = var.peer_vpc_id
  accepting_region_id  = var.peer_region
  accepting_ali_uid    = var.peer_account_id
  bandwidth            = 100
}
