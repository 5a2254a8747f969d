# A staff SSL-VPN (P2C) server in Beijing4: clients may connect from abroad.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_vpn_server" "staff" {
  p2c_vgw_id       = "0a1b2c3d-0000-0000-0000-0000000p2c01"
  local_subnets    = ["10.0.0.0/16"]
  client_cidr      = "192.168.100.0/22"
  client_auth_type = "LOCAL_PASSWORD"
}
