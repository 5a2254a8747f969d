# The staff SSL-VPN server for overseas staff hosted in Hong Kong, outside the mainland.
provider "tencentcloud" {
  region = "ap-hongkong"
}

resource "tencentcloud_vpn_gateway" "ssl" {
  name      = "staff-ssl"
  vpc_id    = "vpc-0a1b2c3d"
  bandwidth = 5
  zone      = "ap-hongkong-2"
  type      = "SSL"
}

resource "tencentcloud_vpn_ssl_server" "staff" {
  vpn_gateway_id      = tencentcloud_vpn_gateway.ssl.id
  ssl_vpn_server_name = "staff"
  local_address       = ["10.0.0.0/16"]
  remote_address      = "192.168.100.0/24"
}
