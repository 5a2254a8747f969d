# All traffic of the Shanghai VPC forced into the tunnel to the US head office: 0.0.0.0/0 is
# published to the VPC with the VPN connection as next hop.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.20.0.0/16"
}

resource "alicloud_vswitch" "vpn" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "10.20.1.0/24"
  zone_id      = "cn-shanghai-b"
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

resource "alicloud_vpn_customer_gateway" "us_hq" {
  customer_gateway_name = "us_hq"
  ip_address            = "8.8.8.8"
  asn                   = "65010"
}

resource "alicloud_vpn_connection" "us_hq" {
  vpn_connection_name = "to-us_hq"
  vpn_gateway_id      = alicloud_vpn_gateway.main.id
  customer_gateway_id = alicloud_vpn_customer_gateway.us_hq.id
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

resource "alicloud_vpn_route_entry" "default" {
  vpn_gateway_id = alicloud_vpn_gateway.main.id
  route_dest     = "0.0.0.0/0"
  next_hop       = alicloud_vpn_connection.us_hq.id
  weight         = 100
  publish_vpc    = true
}
