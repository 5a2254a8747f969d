# Inter-region connections between mainland transit routers only.
provider "alicloud" {
  alias  = "sh"
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "bj"
  region = "cn-beijing"
}
provider "alicloud" {
  alias  = "sz"
  region = "cn-shenzhen"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
  protection_level  = "REDUCED"
}

resource "alicloud_cen_transit_router" "sh" {
  provider            = alicloud.sh
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-sh"
}

resource "alicloud_cen_transit_router" "bj" {
  provider            = alicloud.bj
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-bj"
}

resource "alicloud_cen_transit_router" "sz" {
  provider            = alicloud.sz
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-sz"
}

resource "alicloud_cen_transit_router_peer_attachment" "sh_bj" {
  provider                      = alicloud.sh
  cen_id                        = alicloud_cen_instance.main.id
  transit_router_id             = alicloud_cen_transit_router.sh.transit_router_id
  peer_transit_router_id        = alicloud_cen_transit_router.bj.transit_router_id
  peer_transit_router_region_id = "cn-beijing"
  bandwidth_type                = "DataTransfer"
  default_link_type             = "Gold"
  transit_router_peer_attachment_name = "sh_bj"
}

resource "alicloud_cen_transit_router_peer_attachment" "sh_sz" {
  provider                      = alicloud.sh
  cen_id                        = alicloud_cen_instance.main.id
  transit_router_id             = alicloud_cen_transit_router.sh.transit_router_id
  peer_transit_router_id        = alicloud_cen_transit_router.sz.transit_router_id
  bandwidth_type                = "DataTransfer"
  default_link_type             = "Gold"
  transit_router_peer_attachment_name = "sh_sz"
}
