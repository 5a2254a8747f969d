resource "baiducloud_peer_conn" "this" {
  bandwidth_in_mbps = 20
  local_vpc_id      = var.vpc_id
  peer_vpc_id       = var.peer_vpc_id
  peer_region       = var.peer_region
  description       = var.description
  billing = {
    payment_timing = "Postpaid"
  }
}
