# Reverse direction: a Hong Kong (hkg, not mainland) VPN to a Beijing office.
provider "baiducloud" {
  region = "hkg"
}

resource "baiducloud_vpc" "main" {
  name = "prod-vpc"
  cidr = "172.16.0.0/16"
}

resource "baiducloud_eip" "vpn" {
  name              = "vpn-eip"
  bandwidth_in_mbps = 10
  payment_timing    = "Postpaid"
  billing_method    = "ByTraffic"
}

resource "baiducloud_vpn_gateway" "main" {
  vpn_name       = "prod_vpn"
  vpc_id         = baiducloud_vpc.main.id
  payment_timing = "Postpaid"
  eip            = baiducloud_eip.vpn.eip
}

resource "baiducloud_vpn_conn" "office" {
  vpn_id         = baiducloud_vpn_gateway.main.id
  vpn_conn_name  = "office"
  secret_key     = "Chg3Me!2024x"
  local_subnets  = ["172.16.0.0/16"]
  remote_ip      = "180.76.76.76"
  remote_subnets = ["192.168.10.0/24"]
  ike_config {
    ike_version   = "v2"
    ike_mode      = "main"
    ike_enc_alg   = "aes"
    ike_auth_alg  = "sha1"
    ike_pfs       = "group2"
    ike_life_time = 28800
  }
  ipsec_config {
    ipsec_enc_alg   = "aes"
    ipsec_auth_alg  = "sha1"
    ipsec_pfs       = "group2"
    ipsec_life_time = 28800
  }
}
