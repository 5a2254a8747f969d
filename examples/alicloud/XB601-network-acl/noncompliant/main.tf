# The network ACL admits GRE from a router registered in the US.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_vpc" "main" {
  vpc_name   = "edge"
  cidr_block = "10.100.0.0/16"
}

resource "alicloud_network_acl" "edge" {
  vpc_id           = alicloud_vpc.main.id
  network_acl_name = "edge"
  ingress_acl_entries {
    network_acl_entry_name = "gre-from-peer"
    protocol               = "gre"
    port                   = "-1/-1"
    source_cidr_ip         = "8.8.8.8/32"
    policy                 = "accept"
  }
  ingress_acl_entries {
    network_acl_entry_name = "https"
    protocol               = "tcp"
    port                   = "443/443"
    source_cidr_ip         = "0.0.0.0/0"
    policy                 = "accept"
  }
  egress_acl_entries {
    network_acl_entry_name = "all-out"
    protocol               = "all"
    port                   = "-1/-1"
    destination_cidr_ip    = "0.0.0.0/0"
    policy                 = "accept"
  }
}
