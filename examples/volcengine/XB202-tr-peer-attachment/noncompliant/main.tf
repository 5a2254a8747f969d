# Beijing transit router peered with one in Johor (ap-southeast-1) (cross-border package bought separately, see XB204).
provider "volcengine" {
  alias  = "bj"
  region = "cn-beijing"
}

variable "peer_transit_router_id" {
  type    = string
  default = "tr-2ff3rq0example"
}

resource "volcengine_transit_router" "bj" {
  provider            = volcengine.bj
  transit_router_name = "bj-hub"
}

resource "volcengine_transit_router_peer_attachment" "bj_peer" {
  provider                            = volcengine.bj
  transit_router_id                   = volcengine_transit_router.bj.id
  transit_router_attachment_name      = "bj-to-peer"
  peer_transit_router_id              = var.peer_transit_router_id
  peer_transit_router_region_id       = "ap-southeast-1"
  bandwidth                           = 10
}
