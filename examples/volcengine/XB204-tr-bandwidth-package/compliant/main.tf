# Beijing to Guangzhou over a package that stays in the mainland (China-China).
provider "volcengine" {
  alias  = "bj"
  region = "cn-beijing"
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
