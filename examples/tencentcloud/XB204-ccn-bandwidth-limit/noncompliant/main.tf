# Inter-region CCN bandwidth from Guangzhou to Silicon Valley.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_ccn" "corp" {
  name                 = "corp-backbone"
  bandwidth_limit_type = "INTER_REGION_LIMIT"
  charge_type          = "POSTPAID"
}

resource "tencentcloud_ccn_bandwidth_limit" "gz_to_us" {
  ccn_id          = tencentcloud_ccn.corp.id
  region          = "ap-guangzhou"
  dst_region      = "na-siliconvalley"
  bandwidth_limit = 200
}
