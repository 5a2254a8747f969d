# One CEN joining a Shanghai VPC and a Hong Kong VPC: the backbone carries traffic across
# the border.
provider "alicloud" {
  alias  = "sh"
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "hk"
  region = "cn-hongkong"
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

resource "alicloud_vpc" "hk" {
  provider   = alicloud.hk
  vpc_name   = "app-hk"
  cidr_block = "10.41.0.0/16"
}

resource "alicloud_cen_instance_attachment" "hk" {
  instance_id              = alicloud_cen_instance.main.id
  child_instance_id        = alicloud_vpc.hk.id
  child_instance_type      = "VPC"
  child_instance_region_id = "cn-hongkong"
}
