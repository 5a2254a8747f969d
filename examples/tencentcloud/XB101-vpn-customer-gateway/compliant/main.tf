# Shanghai VPC with an IPsec tunnel to the Nanjing office (mainland peer: domestic IP-VPN).
provider "tencentcloud" {
  region = "ap-shanghai"
}

variable "office_ip" {
  description = "Public IP of the Nanjing office firewall"
  type        = string
  default     = "114.114.114.114"
}

resource "tencentcloud_vpc" "main" {
  name       = "corp-sh"
  cidr_block = "10.20.0.0/16"
}

resource "tencentcloud_vpn_gateway" "main" {
  name      = "corp-sh-vpngw"
  vpc_id    = tencentcloud_vpc.main.id
  bandwidth = 10
  zone      = "ap-shanghai-2"
}

resource "tencentcloud_vpn_customer_gateway" "office" {
  name              = "nanjing-office"
  public_ip_address = var.office_ip
}

resource "tencentcloud_vpn_connection" "office" {
  name                = "to-nanjing"
  vpc_id              = tencentcloud_vpc.main.id
  vpn_gateway_id      = tencentcloud_vpn_gateway.main.id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.office.id
  pre_share_key       = "change-me"
  ike_remote_identity = "ADDRESS"
  ike_remote_address  = tencentcloud_vpn_customer_gateway.office.public_ip_address

  security_group_policy {
    local_cidr_block  = "10.20.0.0/16"
    remote_cidr_block = ["192.168.0.0/16"]
  }
}
