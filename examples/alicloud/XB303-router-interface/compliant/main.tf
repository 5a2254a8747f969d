# Express Connect router interfaces between Beijing and Shanghai.
provider "alicloud" {
  region = "cn-beijing"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "core"
  cidr_block = "10.80.0.0/16"
}

resource "alicloud_express_connect_router_interface" "to_peer" {
  router_interface_name = "core-to-cn-shanghai"
  router_id             = alicloud_vpc.main.router_id
  router_type           = "VRouter"
  role                  = "InitiatingSide"
  opposite_region_id    = "cn-shanghai"
  spec                  = "Mini.2"
  payment_type          = "PayAsYouGo"
}

# Legacy resource for the same kind of link (older modules still use it).
resource "alicloud_router_interface" "legacy" {
  opposite_region = "cn-shanghai"
  router_type     = "VRouter"
  router_id       = alicloud_vpc.main.router_id
  role            = "InitiatingSide"
  specification   = "Large.2"
  name            = "legacy-to-cn-shanghai"
}
