# SSL-VPN server on a Shanghai VPN gateway: clients can dial in from anywhere.
provider "volcengine" {
  region = "cn-shanghai"
}

resource "volcengine_vpc" "main" {
  vpc_name   = "prod-vpc"
  cidr_block = "10.10.0.0/16"
}

resource "volcengine_subnet" "vpn" {
  subnet_name = "vpn-subnet"
  cidr_block  = "10.10.1.0/24"
  zone_id     = "cn-shanghai-a"
  vpc_id      = volcengine_vpc.main.id
}

resource "volcengine_vpn_gateway" "main" {
  vpc_id           = volcengine_vpc.main.id
  subnet_id        = volcengine_subnet.vpn.id
  bandwidth        = 20
  vpn_gateway_name = "prod-vpn"
  billing_type     = "PostPaid"
}

resource "volcengine_ssl_vpn_server" "staff" {
  vpn_gateway_id      = volcengine_vpn_gateway.main.id
  ssl_vpn_server_name = "staff-remote-access"
  local_subnets       = ["10.10.0.0/16"]
  client_ip_pool      = "172.31.0.0/24"
  protocol            = "UDP"
}
