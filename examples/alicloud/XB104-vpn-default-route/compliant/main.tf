# Only the branch office's range goes into the (domestic) tunnel; Internet traffic leaves
# through the Internet NAT gateway and its EIP, the approved exit.
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

resource "alicloud_vpn_customer_gateway" "nanjing_office" {
  customer_gateway_name = "nanjing_office"
  ip_address            = "114.114.114.114"
  asn                   = "65010"
}

resource "alicloud_vpn_connection" "nanjing_office" {
  vpn_connection_name = "to-nanjing_office"
  vpn_gateway_id      = alicloud_vpn_gateway.main.id
  customer_gateway_id = alicloud_vpn_customer_gateway.nanjing_office.id
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

resource "alicloud_vpn_route_entry" "office" {
  vpn_gateway_id = alicloud_vpn_gateway.main.id
  route_dest     = "192.168.50.0/24"
  next_hop       = alicloud_vpn_connection.nanjing_office.id
  weight         = 100
  publish_vpc    = true
}

resource "alicloud_vswitch" "nat" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "10.20.2.0/24"
  zone_id      = "cn-shanghai-b"
  vswitch_name = "nat"
}

resource "alicloud_nat_gateway" "egress" {
  vpc_id           = alicloud_vpc.main.id
  vswitch_id       = alicloud_vswitch.nat.id
  nat_gateway_name = "internet-egress"
  nat_type         = "Enhanced"
  network_type     = "internet"
  payment_type     = "PayAsYouGo"
}

resource "alicloud_eip_address" "egress" {
  address_name         = "internet-egress"
  isp                  = "BGP"
  internet_charge_type = "PayByTraffic"
  payment_type         = "PayAsYouGo"
}

resource "alicloud_eip_association" "egress" {
  allocation_id = alicloud_eip_address.egress.id
  instance_id   = alicloud_nat_gateway.egress.id
}

resource "alicloud_snat_entry" "egress" {
  snat_table_id     = alicloud_nat_gateway.egress.snat_table_ids
  source_vswitch_id = alicloud_vswitch.vpn.id
  snat_ip           = alicloud_eip_address.egress.ip_address
}
