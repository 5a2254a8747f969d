# A Guangzhou security group rule opening IKE/NAT-T to a peer registered in the US.
provider "huaweicloud" {
  region = "cn-south-1"
}

resource "huaweicloud_networking_secgroup" "vpn" {
  name                 = "strongswan"
  delete_default_rules = true
}

resource "huaweicloud_networking_secgroup_rule" "ike" {
  security_group_id = huaweicloud_networking_secgroup.vpn.id
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "udp"
  ports             = "500,4500"
  remote_ip_prefix  = "18.184.10.10/32"
}
