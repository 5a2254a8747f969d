# A cross-border bandwidth plan: Chinese mainland to Asia-Pacific (which includes Hong Kong).
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
  protection_level  = "REDUCED"
}

resource "alicloud_cen_bandwidth_package" "main" {
  cen_bandwidth_package_name = "backbone-china-asia-pacific"
  bandwidth                  = 20
  geographic_region_a_id     = "China"
  geographic_region_b_id     = "Asia-Pacific"
  payment_type               = "PrePaid"
  period                     = 1
}

resource "alicloud_cen_bandwidth_package_attachment" "main" {
  instance_id          = alicloud_cen_instance.main.id
  bandwidth_package_id = alicloud_cen_bandwidth_package.main.id
}
