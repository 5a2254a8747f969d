# A Cloud Connect bandwidth package from the Chinese mainland to Asia-Pacific (which includes CN-Hong Kong).
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cc_bandwidth_package" "xb" {
  name           = "cm-to-ap"
  local_area_id  = "Chinese-Mainland"
  remote_area_id = "Asia-Pacific"
  charge_mode    = "bandwidth"
  billing_mode   = 3
  bandwidth      = 10
}
