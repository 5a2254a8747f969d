# One CEN joining VPCs in mainland regions only.
provider "alicloud" {
  alias  = "sh"
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "bj"
  region = "cn-beijing"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
  protection_level  = "REDUCED"
}

resource "alicloud_vpc" "sh" {
  provider   = alicloud.sh
  vpc_name   = "app-sh"
  cidr_block = "10.40.0.0/16"
}

resource "alicloud_cen_instance_attachment" "sh" {
  instance_id              = alicloud_cen_instance.main.id
  child_instance_id        = alicloud_vpc.sh.id
  child_instance_type      = "VPC"
  child_instance_region_id = "cn-shanghai"
}

resource "alicloud_vpc" "bj" {
  provider   = alicloud.bj
  vpc_name   = "app-bj"
  cidr_block = "10.41.0.0/16"
}

resource "alicloud_cen_instance_attachment" "bj" {
  instance_id              = alicloud_cen_instance.main.id
  child_instance_id        = alicloud_vpc.bj.id
  child_instance_type      = "VPC"
  child_instance_region_id = "cn-beijing"
}
