# A basic bandwidth package (acceleration within one area).
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_ga_accelerator" "app" {
  accelerator_name = "app-acceleration"
  spec             = "1"
  duration         = 1
  auto_use_coupon  = true
}

resource "alicloud_ga_bandwidth_package" "app" {
  bandwidth_package_name = "app-basic"
  bandwidth              = 20
  type                   = "Basic"
  bandwidth_type = "Basic"
  duration               = 1
  auto_pay               = true
}

resource "alicloud_ga_bandwidth_package_attachment" "app" {
  accelerator_id       = alicloud_ga_accelerator.app.id
  bandwidth_package_id = alicloud_ga_bandwidth_package.app.id
}
