# A staff SSL-VPN server in Guangzhou: clients may connect from abroad.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_vpn_gateway" "ssl" {
  name      = "staff-ssl"
  vpc_id    = "vpc-0a1b2c3d"
  bandwidth = 5
  zone      = "ap-guangzhou-3"
  type      = "SSL"
}

resource "tencentcloud_vpn_ssl_server" "staff" {
  vpn_gateway_id      = tencentcloud_vpn_gateway.ssl.id
  ssl_vpn_server_name = "staff"
  local_address       = ["10.0.0.0/16"]
  remote_address      = "192.168.100.0/24"
}
