# One CCN joining VPCs in Shanghai and Beijing.
provider "tencentcloud" {
  region = "ap-shanghai"
}

variable "regions" {
  type = map(string)
  default = {
    sh = "ap-shanghai"
    bj = "ap-beijing"
  }
}

resource "tencentcloud_ccn" "corp" {
  name = "corp-backbone"
  qos  = "AU"
}

resource "tencentcloud_ccn_attachment" "vpc" {
  for_each        = var.regions
  ccn_id          = tencentcloud_ccn.corp.id
  instance_type   = "VPC"
  instance_region = each.value
  instance_id     = "vpc-${each.key}00001"
}
