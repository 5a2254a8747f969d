# IKE and NAT-T only from the Nanjing office; HTTPS from anywhere is not a tunnel.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "edge"
  cidr_block = "10.100.0.0/16"
}

resource "alicloud_security_group" "vpn_box" {
  security_group_name = "vpn-box"
  vpc_id              = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "https" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "443/443"
  cidr_ip           = "0.0.0.0/0"
  policy            = "accept"
  priority          = 1
  security_group_id = alicloud_security_group.vpn_box.id
}

resource "alicloud_security_group_rule" "ike_nanjing" {
  type              = "ingress"
  ip_protocol       = "udp"
  port_range        = "500/500"
  cidr_ip           = "114.114.114.114/32"
  policy            = "accept"
  priority          = 1
  security_group_id = alicloud_security_group.vpn_box.id
}

resource "alicloud_security_group_rule" "natt_nanjing" {
  type              = "ingress"
  ip_protocol       = "udp"
  port_range        = "4500/4500"
  cidr_ip           = "114.114.114.114/32"
  policy            = "accept"
  priority          = 1
  security_group_id = alicloud_security_group.vpn_box.id
}
