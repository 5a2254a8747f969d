resource "alicloud_ga_accelerator" "this" {
  accelerator_name       = var.name
  duration               = 1
  auto_use_coupon        = true
  spec                   = "1"
  bandwidth_billing_type = "CDT"
  cross_border_status    = var.cross_border
}
