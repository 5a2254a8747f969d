# A Chengdu security group opening IKE/NAT-T to a peer registered in the US.
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
    cidr_block  = "18.184.10.10/32"
    protocol    = "UDP"
    port        = "500,4500"
    description = "IKE and NAT-T from the Frankfurt peer"
  }

  ingress {
    action      = "ACCEPT"
    cidr_block  = "10.0.0.0/8"
    protocol    = "TCP"
    port        = "22"
    description = "SSH from the corporate network"
  }
}
