# Enterprise-edition CEN with attachments in mainland regions only.
provider "alicloud" {
  alias  = "sh"
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "bj"
  region = "cn-beijing"
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

resource "alicloud_vpc" "sh" {
  provider   = alicloud.sh
  vpc_name   = "app-sh"
  cidr_block = "10.50.0.0/16"
}

resource "alicloud_vswitch" "sh_a" {
  provider     = alicloud.sh
  vpc_id       = alicloud_vpc.sh.id
  cidr_block   = "10.50.1.0/24"
  zone_id      = "cn-shanghai-b"
}

resource "alicloud_vswitch" "sh_b" {
  provider     = alicloud.sh
  vpc_id       = alicloud_vpc.sh.id
  cidr_block   = "10.50.2.0/24"
  zone_id      = "cn-shanghai-g"
}

resource "alicloud_cen_transit_router_vpc_attachment" "sh" {
  provider          = alicloud.sh
  cen_id            = alicloud_cen_instance.main.id
  transit_router_id = alicloud_cen_transit_router.sh.transit_router_id
  vpc_id            = alicloud_vpc.sh.id
  zone_mappings {
    zone_id    = "cn-shanghai-b"
    vswitch_id = alicloud_vswitch.sh_a.id
  }
  zone_mappings {
    zone_id    = "cn-shanghai-g"
    vswitch_id = alicloud_vswitch.sh_b.id
  }
}

# The leased line of the bj data centre lands on a virtual border router in cn-beijing.
resource "alicloud_cen_transit_router_vbr_attachment" "bj" {
  provider          = alicloud.bj
  transit_router_id = alicloud_cen_transit_router.bj.transit_router_id
  vbr_id            = var.bj_vbr_id
}

variable "bj_vbr_id" {
  type    = string
  default = "vbr-0example"
}
