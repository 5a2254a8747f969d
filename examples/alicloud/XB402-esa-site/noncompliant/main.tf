# ESA site served from edges outside the mainland, with mainland-access optimisation on.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_esa_rate_plan_instance" "plan" {
  type         = "NS"
  auto_renew   = false
  period       = 1
  payment_type = "Subscription"
  coverage     = "overseas"
  auto_pay     = true
  plan_name    = "high"
}

resource "alicloud_esa_site" "shop" {
  site_name                 = "shop.example.com"
  instance_id               = alicloud_esa_rate_plan_instance.plan.id
  coverage                  = "overseas"
  access_type               = "NS"
  cross_border_optimization = "on"
}
