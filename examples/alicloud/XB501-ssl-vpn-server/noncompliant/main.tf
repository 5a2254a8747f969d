# SSL-VPN for staff laptops on the Beijing VPN gateway: clients dial in from anywhere,
# abroad included.
provider "alicloud" {
  region = "cn-beijing"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.20.0.0/16"
}

resource "alicloud_vswitch" "vpn" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "10.20.1.0/24"
  zone_id      = "cn-beijing-h"
  vswitch_name = "vpn"
}

resource "alicloud_vpn_gateway" "main" {
  vpn_gateway_name     = "prod-vpn"
  vpc_id               = alicloud_vpc.main.id
  vswitch_id           = alicloud_vswitch.vpn.id
  bandwidth            = 20
  enable_ipsec         = true
  enable_ssl           = true
  payment_type         = "PayAsYouGo"
}

resource "alicloud_ssl_vpn_server" "staff" {
  name           = "staff-remote-access"
  vpn_gateway_id = alicloud_vpn_gateway.main.id
  client_ip_pool = "192.168.100.0/24"
  local_subnet   = "10.20.0.0/16"
  protocol       = "UDP"
  port           = 1194
  cipher         = "AES-128-CBC"
}

resource "alicloud_ssl_vpn_client_cert" "alice" {
  ssl_vpn_server_id = alicloud_ssl_vpn_server.staff.id
  name              = "alice"
}
