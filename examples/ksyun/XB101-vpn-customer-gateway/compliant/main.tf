# Beijing VPN tunnel to two mainland office gateways.
provider "ksyun" {
  region = "cn-beijing-6"
}

resource "ksyun_vpc" "main" {
  vpc_name   = "prod"
  cidr_block = "10.7.0.0/16"
}

resource "ksyun_vpn_gateway" "main" {
  vpn_gateway_name    = "prod-vpn"
  band_width          = 10
  vpc_id              = ksyun_vpc.main.id
  vpn_gateway_version = "2.0"
  charge_type         = "Daily"
}

resource "ksyun_vpn_customer_gateway" "office" {
  customer_gateway_name       = "office"
  customer_gateway_address    = "114.114.114.114"
  ha_customer_gateway_address = "223.5.5.5"
}

resource "ksyun_vpn_tunnel" "office" {
  vpn_tunnel_name     = "office"
  type                = "RouteIpsec"
  vpn_gateway_id      = ksyun_vpn_gateway.main.id
  customer_gateway_id = ksyun_vpn_customer_gateway.office.id
  vpn_gateway_version = "2.0"
  pre_shared_key      = "change-me-please"
  local_peer_ip       = "169.254.20.1/30"
  customer_peer_ip    = "169.254.20.2/30"
}
