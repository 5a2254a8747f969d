# IPsec client-to-site server on the Shenzhen VPN gateway.
provider "alicloud" {
  region = "cn-shenzhen"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.20.0.0/16"
}

resource "alicloud_vswitch" "vpn" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "10.20.1.0/24"
  zone_id      = "cn-shenzhen-e"
  vswitch_name = "vpn"
}

resource "alicloud_vpn_gateway" "main" {
  vpn_gateway_name     = "prod-vpn"
  vpc_id               = alicloud_vpc.main.id
  vswitch_id           = alicloud_vswitch.vpn.id
  bandwidth            = 20
  enable_ipsec         = true
  enable_ssl           = false
  payment_type         = "PayAsYouGo"
}

resource "alicloud_vpn_ipsec_server" "staff" {
  ipsec_server_name = "staff-ipsec"
  vpn_gateway_id    = alicloud_vpn_gateway.main.id
  client_ip_pool    = "192.168.110.0/24"
  local_subnet      = "10.20.0.0/16"
  psk_enabled       = true
  psk               = "change-me-please"
}
