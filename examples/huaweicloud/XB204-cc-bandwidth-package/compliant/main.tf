# A Cloud Connect bandwidth package inside the Chinese mainland.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cc_bandwidth_package" "xb" {
  name           = "cm-to-cm"
  local_area_id  = "Chinese-Mainland"
  remote_area_id = "Chinese-Mainland"
  charge_mode    = "bandwidth"
  billing_mode   = 3
  bandwidth      = 10
}
