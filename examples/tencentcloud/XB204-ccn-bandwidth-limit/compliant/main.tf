# Inter-region CCN bandwidth from Guangzhou to Chengdu.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_ccn" "corp" {
  name                 = "corp-backbone"
  bandwidth_limit_type = "INTER_REGION_LIMIT"
  charge_type          = "POSTPAID"
}

resource "tencentcloud_ccn_bandwidth_limit" "gz_to_cd" {
  ccn_id          = tencentcloud_ccn.corp.id
  region          = "ap-guangzhou"
  dst_region      = "ap-chengdu"
  bandwidth_limit = 200
}
