# A self-managed IPsec host in Guangzhou accepting IKE/NAT-T from a peer abroad.
provider "volcengine" {
  region = "cn-guangzhou"
}

resource "volcengine_vpc" "main" {
  vpc_name   = "edge"
  cidr_block = "10.30.0.0/16"
}

resource "volcengine_security_group" "vpn_host" {
  vpc_id              = volcengine_vpc.main.id
  security_group_name = "strongswan-host"
}

resource "volcengine_security_group_rule" "ike" {
  security_group_id = volcengine_security_group.vpn_host.id
  direction         = "ingress"
  protocol          = "udp"
  port_start        = 500
  port_end          = 500
  cidr_ip           = "18.184.10.10/32"
  policy            = "accept"
}

resource "volcengine_security_group_rule" "natt" {
  security_group_id = volcengine_security_group.vpn_host.id
  direction         = "ingress"
  protocol          = "udp"
  port_start        = 4500
  port_end          = 4500
  cidr_ip           = "18.184.10.10/32"
  policy            = "accept"
}
