# A global connection bandwidth inside one geographic region.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cc_global_connection_bandwidth" "gcb" {
  name        = "cm-internal"
  type        = "Area"
  bordercross = false
  charge_mode = "bwd"
  size        = 10
}
