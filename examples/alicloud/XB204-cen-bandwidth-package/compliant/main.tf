# A bandwidth plan inside the Chinese mainland area.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
  protection_level  = "REDUCED"
}

resource "alicloud_cen_bandwidth_package" "main" {
  cen_bandwidth_package_name = "backbone-china-china"
  bandwidth                  = 20
  geographic_region_a_id     = "China"
  geographic_region_b_id     = "China"
  payment_type               = "PrePaid"
  period                     = 1
}

resource "alicloud_cen_bandwidth_package_attachment" "main" {
  instance_id          = alicloud_cen_instance.main.id
  bandwidth_package_id = alicloud_cen_bandwidth_package.main.id
}
