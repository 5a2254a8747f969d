# Shanghai VPN gateway tunnelling to the Nanjing office (domestic IP-VPN).
provider "huaweicloud" {
  region = "cn-east-3"
}

variable "peer_ip" {
  type    = string
  default = "114.114.114.114"
}

resource "huaweicloud_vpc" "main" {
  name = "corp"
  cidr = "10.50.0.0/16"
}

resource "huaweicloud_vpc_subnet" "main" {
  name       = "corp-a"
  vpc_id     = huaweicloud_vpc.main.id
  cidr       = "10.50.1.0/24"
  gateway_ip = "10.50.1.1"
}

resource "huaweicloud_vpn_gateway" "main" {
  name               = "corp-vpngw"
  vpc_id             = huaweicloud_vpc.main.id
  local_subnets      = [huaweicloud_vpc_subnet.main.cidr]
  connect_subnet     = huaweicloud_vpc_subnet.main.id
  availability_zones = ["cn-east-3a", "cn-east-3b"]
}

resource "huaweicloud_vpn_customer_gateway" "office" {
  name     = "nanjing-office"
  id_type  = "ip"
  id_value = var.peer_ip
}

resource "huaweicloud_vpn_connection" "office" {
  name                = "to-nanjing"
  gateway_id          = huaweicloud_vpn_gateway.main.id
  gateway_ip          = huaweicloud_vpn_gateway.main.master_eip[0].id
  customer_gateway_id = huaweicloud_vpn_customer_gateway.office.id
  peer_subnets        = ["192.168.0.0/16"]
  vpn_type            = "static"
  psk                 = "change-me"
}
