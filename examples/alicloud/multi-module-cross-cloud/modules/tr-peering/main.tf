terraform {
  required_providers {
    alicloud = {
      source                = "aliyun/alicloud"
      configuration_aliases = [alicloud.peer]
    }
  }
}

# The region of the `alicloud.peer` configuration the caller passes.
data "alicloud_regions" "peer" {
  provider = alicloud.peer
  current  = true
}

resource "alicloud_cen_transit_router" "local" {
  cen_id = var.cen_id
}

resource "alicloud_cen_transit_router" "peer" {
  provider = alicloud.peer
  cen_id   = var.cen_id
}

resource "alicloud_cen_transit_router_peer_attachment" "this" {
  cen_id                        = var.cen_id
  transit_router_id             = alicloud_cen_transit_router.local.transit_router_id
  peer_transit_router_id        = alicloud_cen_transit_router.peer.transit_router_id
  peer_transit_router_region_id = data.alicloud_regions.peer.ids[0]
  bandwidth_type                = "DataTransfer"
}
