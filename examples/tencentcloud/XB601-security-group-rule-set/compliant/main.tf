# A Chengdu security group opening IKE/NAT-T to a mainland peer.
provider "tencentcloud" {
  region = "ap-chengdu"
}

resource "tencentcloud_security_group" "vpn" {
  name        = "strongswan"
  description = "self-managed IPsec gateway"
}

resource "tencentcloud_security_group_rule_set" "vpn" {
  security_group_id = tencentcloud_security_group.vpn.id

  ingress {
    action      = "ACCEPT"
    cidr_block  = "114.114.114.114/32"
    protocol    = "UDP"
    port        = "500,4500"
    description = "IKE and NAT-T from the Shanghai peer"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/8"
    protocol    = "TCP"
    port        = "22"
    description = "SSH from the corporate network"
  }
}
