# The Anycast EIP fronts a load balancer in Hong Kong: both ends outside the mainland.
provider "alicloud" {
  region = "cn-hangzhou"
}
provider "alicloud" {
  alias  = "backend"
  region = "cn-hongkong"
}

resource "alicloud_eipanycast_anycast_eip_address" "app" {
  anycast_eip_address_name = "app-anycast"
  service_location         = "international"
  internet_charge_type     = "PayByTraffic"
  payment_type             = "PayAsYouGo"
}

resource "alicloud_slb_load_balancer" "app" {
  provider           = alicloud.backend
  load_balancer_name = "app"
  address_type       = "intranet"
  vswitch_id         = var.vswitch_id
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_eipanycast_anycast_eip_address_attachment" "app" {
  anycast_id              = alicloud_eipanycast_anycast_eip_address.app.id
  bind_instance_id        = alicloud_slb_load_balancer.app.id
  bind_instance_region_id = "cn-hongkong"
  bind_instance_type      = "SlbInstance"
}

variable "vswitch_id" {
  type    = string
  default = "vsw-0example"
}
