# Inter-region connections of one CEN: Shanghai to Singapore (peer region given), and
# Hong Kong to Shenzhen (peer region taken from the peer transit router's provider).
provider "alicloud" {
  alias  = "sh"
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "sg"
  region = "ap-southeast-1"
}
provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
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

resource "alicloud_cen_transit_router" "sg" {
  provider            = alicloud.sg
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-sg"
}

resource "alicloud_cen_transit_router" "hk" {
  provider            = alicloud.hk
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-hk"
}

resource "alicloud_cen_transit_router" "sz" {
  provider            = alicloud.sz
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-sz"
}

resource "alicloud_cen_transit_router_peer_attachment" "sh_sg" {
  provider                      = alicloud.sh
  cen_id                        = alicloud_cen_instance.main.id
  transit_router_id             = alicloud_cen_transit_router.sh.transit_router_id
  peer_transit_router_id        = alicloud_cen_transit_router.sg.transit_router_id
  peer_transit_router_region_id = "ap-southeast-1"
  bandwidth_type                = "DataTransfer"
  default_link_type             = "Gold"
  transit_router_peer_attachment_name = "sh_sg"
}

resource "alicloud_cen_transit_router_peer_attachment" "hk_sz" {
  provider                      = alicloud.hk
  cen_id                        = alicloud_cen_instance.main.id
  transit_router_id             = alicloud_cen_transit_router.hk.transit_router_id
  peer_transit_router_id        = alicloud_cen_transit_router.sz.transit_router_id
  bandwidth_type                = "DataTransfer"
  default_link_type             = "Gold"
  transit_router_peer_attachment_name = "hk_sz"
}
