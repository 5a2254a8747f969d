# The Beijing VPN gateway only carries a site-to-site tunnel to the Tianjin office; no
# remote-access server.
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
  enable_ssl           = false
  payment_type         = "PayAsYouGo"
}

resource "alicloud_vpn_customer_gateway" "tianjin_office" {
  customer_gateway_name = "tianjin_office"
  ip_address            = "114.114.114.114"
  asn                   = "65010"
}

resource "alicloud_vpn_connection" "tianjin_office" {
  vpn_connection_name = "to-tianjin_office"
  vpn_gateway_id      = alicloud_vpn_gateway.main.id
  customer_gateway_id = alicloud_vpn_customer_gateway.tianjin_office.id
  local_subnet        = ["10.20.0.0/16"]
  remote_subnet       = ["192.168.50.0/24"]
  effect_immediately  = true

  ike_config {
    ike_version  = "ikev2"
    psk          = var.psk
    ike_enc_alg  = "aes256"
    ike_auth_alg = "sha256"
  }
}

variable "psk" {
  type      = string
  sensitive = true
  default   = "change-me-please"
}
