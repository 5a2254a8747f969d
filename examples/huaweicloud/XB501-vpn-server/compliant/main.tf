# The SSL-VPN server for overseas staff hosted in CN-Hong Kong (ap-southeast-1), outside the mainland.
provider "huaweicloud" {
  region = "ap-southeast-1"
}

resource "huaweicloud_vpn_server" "staff" {
  p2c_vgw_id       = "0a1b2c3d-0000-0000-0000-0000000p2c01"
  local_subnets    = ["10.0.0.0/16"]
  client_cidr      = "192.168.100.0/22"
  client_auth_type = "LOCAL_PASSWORD"
}
