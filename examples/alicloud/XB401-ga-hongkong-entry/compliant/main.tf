# Hong Kong entry for a Singapore origin: both outside the mainland.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_ga_accelerator" "app" {
  accelerator_name       = "app-acceleration"
  spec                   = "1"
  payment_type           = "PayAsYouGo"
  bandwidth_billing_type = "BandwidthPackage"
}

resource "alicloud_ga_ip_set" "entry" {
  accelerator_id       = alicloud_ga_accelerator.app.id
  accelerate_region_id = "cn-hongkong"
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
  endpoint_group_region = "ap-southeast-1"
  endpoint_configurations {
    endpoint = "114.114.114.114"
    type     = "PublicIp"
    weight   = 100
  }
  depends_on = [alicloud_ga_ip_set.entry]
}
