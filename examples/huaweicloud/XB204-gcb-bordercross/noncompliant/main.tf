# A global connection bandwidth declared as crossing from the Chinese mainland to other countries.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cc_global_connection_bandwidth" "gcb" {
  name        = "cm-to-eu"
  type        = "TrsArea"
  bordercross = true
  charge_mode = "bwd"
  size        = 10
}
