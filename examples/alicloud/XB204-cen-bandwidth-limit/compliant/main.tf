# Legacy CEN inter-region bandwidth between Beijing and Hangzhou.
provider "alicloud" {
  alias  = "a"
  region = "cn-beijing"
}
provider "alicloud" {
  alias  = "b"
  region = "cn-hangzhou"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
  protection_level  = "REDUCED"
}

resource "alicloud_vpc" "a" {
  provider   = alicloud.a
  vpc_name   = "app-a"
  cidr_block = "10.40.0.0/16"
}

resource "alicloud_cen_instance_attachment" "a" {
  instance_id              = alicloud_cen_instance.main.id
  child_instance_id        = alicloud_vpc.a.id
  child_instance_type      = "VPC"
  child_instance_region_id = "cn-beijing"
}

resource "alicloud_vpc" "b" {
  provider   = alicloud.b
  vpc_name   = "app-b"
  cidr_block = "10.41.0.0/16"
}

resource "alicloud_cen_instance_attachment" "b" {
  instance_id              = alicloud_cen_instance.main.id
  child_instance_id        = alicloud_vpc.b.id
  child_instance_type      = "VPC"
  child_instance_region_id = "cn-hangzhou"
}

resource "alicloud_cen_bandwidth_package" "main" {
  bandwidth             = 10
  geographic_region_ids = ["China", "China"]
}

resource "alicloud_cen_bandwidth_package_attachment" "main" {
  instance_id          = alicloud_cen_instance.main.id
  bandwidth_package_id = alicloud_cen_bandwidth_package.main.id
}

resource "alicloud_cen_bandwidth_limit" "a_b" {
  instance_id     = alicloud_cen_instance.main.id
  region_ids      = ["cn-beijing", "cn-hangzhou"]
  bandwidth_limit = 10
  depends_on      = [alicloud_cen_bandwidth_package_attachment.main]
}
