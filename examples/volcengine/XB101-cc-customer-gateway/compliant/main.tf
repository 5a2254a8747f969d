# Guangzhou VPN gateway tunnelling to a Hangzhou office (Volcengine Cloud Control provider)
provider "volcenginecc" {
  region = "cn-guangzhou"
}

variable "vpn_gateway_id" {
  type    = string
  default = "vgw-2fe0sy8example"
}

resource "volcenginecc_vpn_customer_gateway" "office" {
  customer_gateway_name = "branch-office"
  ip_address            = "223.5.5.5"
  ip_version            = "ipv4"
}

resource "volcenginecc_vpn_vpn_connection" "office" {
  vpn_connection_name = "to-branch-office"
  vpn_gateway_id      = var.vpn_gateway_id
  customer_gateway_id = volcenginecc_vpn_customer_gateway.office.id
  attach_type         = "VpnGateway"
  local_subnet        = ["10.10.0.0/16"]
  remote_subnet       = ["192.168.50.0/24"]
  ike_config = {
    psk     = "change-me-please"
    version = "ikev2"
  }
}
