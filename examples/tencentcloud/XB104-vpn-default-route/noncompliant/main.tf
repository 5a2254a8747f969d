# All Internet traffic of a Guangzhou VPC is routed into a tunnel to a US security hub.
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
  name              = "us-sec-hub"
  public_ip_address = "8.8.8.8"
}

resource "tencentcloud_vpn_connection" "hub" {
  name                = "to-us-sec-hub"
  vpc_id              = tencentcloud_vpc.main.id
  vpn_gateway_id      = tencentcloud_vpn_gateway.main.id
  customer_gateway_id = tencentcloud_vpn_customer_gateway.hub.id
  pre_share_key       = "change-me"
  route_type          = "StaticRoute"
}

# 0.0.0.0/0 into the tunnel: Internet traffic bypasses the approved exit
resource "tencentcloud_vpn_gateway_route" "default" {
  vpn_gateway_id         = tencentcloud_vpn_gateway.main.id
  destination_cidr_block = "0.0.0.0/0"
  instance_type          = "VPNCONN"
  instance_id            = tencentcloud_vpn_connection.hub.id
  priority               = 100
  status                 = "ENABLE"
}
