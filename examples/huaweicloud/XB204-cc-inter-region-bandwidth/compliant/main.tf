# Inter-region bandwidth between Beijing4 and Shanghai1.
provider "huaweicloud" {
  region = "cn-north-4"
}

variable "regions" {
  type    = list(string)
  default = ["cn-north-4", "cn-east-3"]
}

resource "huaweicloud_cc_connection" "corp" {
  name = "corp-backbone"
}

resource "huaweicloud_cc_inter_region_bandwidth" "pair" {
  cloud_connection_id  = huaweicloud_cc_connection.corp.id
  bandwidth_package_id = "0a1b2c3d-0000-0000-0000-00000000bwp1"
  bandwidth            = 5
  inter_region_ids     = var.regions
}
