# Default route into a tunnel whose peer is the Beijing head office (both ends mainland).
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_vpc" "main" {
  name       = "corp-gz"
  cidr_block = "10.30.0.0/16"
}

resource "tencentcloud_vpn_gateway" "main" {
  name      = "corp-gz-vpngw"
  vpc_id    = tencentcloud_vpc.main.id
  bandwidth = 10
  zone      = "ap-guangzhou-3"
}

resource "tencentcloud_vpn_customer_gateway" "hub" {
  name              = "bj-head-office"
  public_ip_address = "223.5.5.5"
}

resource "tencentcloud_vpn_connection" "hub" {
  name                = "to-bj-head-office"
  vpc_id              = tencentcloud_vpc.main.id
  vpn_gateway_id      = tencentcloud_vpn_gateway.main.id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.hub.id
  pre_share_key       = "change-me"
  route_type          = "StaticRoute"
}

# 0.0.0.0/0 to the head office, which is itself in the mainland
resource "tencentcloud_vpn_gateway_route" "default" {
  vpn_gateway_id         = tencentcloud_vpn_gateway.main.id
  destination_cidr_block = "0.0.0.0/0"
  instance_type          = "VPNCONN"
  instance_id            = tencentcloud_vpn_connection.hub.id
  priority               = 100
  status                 = "ENABLE"
}
