# Hangzhou VPC tunnelling to the Frankfurt data centre: the customer gateway's address is
# registered outside mainland China.
provider "alicloud" {
  region = "cn-hangzhou"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.20.0.0/16"
}

resource "alicloud_vswitch" "vpn" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "10.20.1.0/24"
  zone_id      = "cn-hangzhou-j"
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

resource "alicloud_vpn_customer_gateway" "frankfurt_dc" {
  customer_gateway_name = "frankfurt_dc"
  ip_address            = "18.184.10.10"   # Frankfurt head office; the address is registered to US
  asn                   = "65010"
}

resource "alicloud_vpn_connection" "frankfurt_dc" {
  vpn_connection_name = "to-frankfurt_dc"
  vpn_gateway_id      = alicloud_vpn_gateway.main.id
  customer_gateway_id = alicloud_vpn_customer_gateway.frankfurt_dc.id
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
