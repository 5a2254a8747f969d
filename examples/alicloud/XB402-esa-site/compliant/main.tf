# ESA site served in the mainland only.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_esa_rate_plan_instance" "plan" {
  type         = "NS"
  auto_renew   = false
  period       = 1
  payment_type = "Subscription"
  coverage     = "domestic"
  auto_pay     = true
  plan_name    = "high"
}

resource "alicloud_esa_site" "shop" {
  site_name                 = "shop.example.com"
  instance_id               = alicloud_esa_rate_plan_instance.plan.id
  coverage                  = "domestic"
  access_type               = "NS"
  cross_border_optimization = "off"
}
