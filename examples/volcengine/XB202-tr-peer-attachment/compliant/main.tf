# Beijing transit router peered with Shanghai over a China-China package.
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

resource "volcengine_transit_router_bandwidth_package" "xregion" {
  provider                              = volcengine.bj
  transit_router_bandwidth_package_name = "bj-peer"
  local_geographic_region_set_id        = "China"
  peer_geographic_region_set_id         = "China"
  bandwidth                             = 10
  period                                = 1
}

resource "volcengine_transit_router_peer_attachment" "bj_peer" {
  provider                            = volcengine.bj
  transit_router_id                   = volcengine_transit_router.bj.id
  transit_router_attachment_name      = "bj-to-peer"
  peer_transit_router_id              = var.peer_transit_router_id
  peer_transit_router_region_id       = "cn-shanghai"
  transit_router_bandwidth_package_id = volcengine_transit_router_bandwidth_package.xregion.id
  bandwidth                           = 10
}
