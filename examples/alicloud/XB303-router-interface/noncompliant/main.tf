# Express Connect router interfaces from a Beijing VPC to Hong Kong.
provider "alicloud" {
  region = "cn-beijing"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "core"
  cidr_block = "10.80.0.0/16"
}

resource "alicloud_express_connect_router_interface" "to_peer" {
  router_interface_name = "core-to-cn-hongkong"
  router_id             = alicloud_vpc.main.router_id
  router_type           = "VRouter"
  role                  = "InitiatingSide"
  opposite_region_id    = "cn-hongkong"
  spec                  = "Mini.2"
  payment_type          = "PayAsYouGo"
}

# Legacy resource for the same kind of link (older modules still use it).
resource "alicloud_router_interface" "legacy" {
  opposite_region = "cn-hongkong"
  router_type     = "VRouter"
  router_id       = alicloud_vpc.main.router_id
  role            = "InitiatingSide"
  specification   = "Large.2"
  name            = "legacy-to-cn-hongkong"
}
