# The same host reachable only from a mainland range.
provider "baiducloud" {
  region = "su"
}

resource "baiducloud_vpc" "main" {
  name = "edge"
  cidr = "172.20.0.0/16"
}

resource "baiducloud_security_group" "vpn" {
  name   = "openvpn-host"
  vpc_id = baiducloud_vpc.main.id
}

resource "baiducloud_security_group_rule" "openvpn" {
  security_group_id = baiducloud_security_group.vpn.id
  direction         = "ingress"
  protocol          = "udp"
  port_range        = "1194"
  source_ip         = "114.114.114.0/24"
  remark            = "openvpn clients"
}
