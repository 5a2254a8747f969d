# Cross-border acceleration off; entry in Beijing and origin in Shenzhen.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_ga_accelerator" "app" {
  accelerator_name       = "app-acceleration"
  spec                   = "1"
  payment_type           = "PayAsYouGo"
  bandwidth_billing_type = "CDT"
  cross_border_status    = false
}

resource "alicloud_ga_ip_set" "entry" {
  accelerator_id       = alicloud_ga_accelerator.app.id
  accelerate_region_id = "cn-beijing"
  bandwidth            = 10
  isp_type             = "BGP"
}

resource "alicloud_ga_listener" "https" {
  accelerator_id = alicloud_ga_accelerator.app.id
  protocol       = "TCP"
  port_ranges {
    from_port = 443
    to_port   = 443
  }
}

resource "alicloud_ga_endpoint_group" "origin" {
  accelerator_id        = alicloud_ga_accelerator.app.id
  listener_id           = alicloud_ga_listener.https.id
  endpoint_group_region = "cn-shenzhen"
  endpoint_configurations {
    endpoint = "114.114.114.114"
    type     = "PublicIp"
    weight   = 100
  }
  depends_on = [alicloud_ga_ip_set.entry]
}
