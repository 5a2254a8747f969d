# Shanghai VPC to the Frankfurt head office: an IPsec VPN carried on an international private
# line (IPLC) leased from China Unicom, declared as an approved exit in .exitlint.yaml.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.30.0.0/16"
}

resource "alicloud_vswitch" "vpn" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "10.30.1.0/24"
  zone_id      = "cn-shanghai-l"
  vswitch_name = "vpn"
}

resource "alicloud_vpn_gateway" "main" {
  vpn_gateway_name = "prod-vpn"
  vpc_id           = alicloud_vpc.main.id
  vswitch_id       = alicloud_vswitch.vpn.id
  bandwidth        = 20
  enable_ipsec     = true
  enable_ssl       = false
  payment_type     = "PayAsYouGo"
}

resource "alicloud_vpn_customer_gateway" "frankfurt_hq" {
  customer_gateway_name = "frankfurt-hq"
  ip_address            = "18.184.10.10" # the head office end of the IPLC (registered to US)
  asn                   = "65010"
}

resource "alicloud_vpn_connection" "frankfurt_hq" {
  vpn_connection_name = "to-frankfurt-hq"
  vpn_gateway_id      = alicloud_vpn_gateway.main.id
  customer_gateway_id = alicloud_vpn_customer_gateway.frankfurt_hq.id
  local_subnet        = ["10.30.0.0/16"]
  remote_subnet       = ["192.168.50.0/24"]
  effect_immediately  = true
}
