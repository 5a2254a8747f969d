# Guangzhou VPN to a Hong Kong office.
provider "ucloud" {
  region     = "cn-gd"
  project_id = "org-example"
}

resource "ucloud_vpc" "main" {
  name        = "gd-vpc"
  cidr_blocks = ["192.168.0.0/16"]
}

resource "ucloud_subnet" "main" {
  name       = "gd-subnet"
  cidr_block = "192.168.1.0/24"
  vpc_id     = ucloud_vpc.main.id
}

resource "ucloud_eip" "vpn" {
  bandwidth     = 5
  internet_type = "bgp"
  charge_mode   = "bandwidth"
}

resource "ucloud_vpn_gateway" "main" {
  vpc_id = ucloud_vpc.main.id
  grade  = "standard"
  eip_id = ucloud_eip.vpn.id
}

resource "ucloud_vpn_customer_gateway" "office" {
  ip_address = "58.176.0.1"
  name       = "office"
}

resource "ucloud_vpn_connection" "office" {
  vpn_gateway_id      = ucloud_vpn_gateway.main.id
  customer_gateway_id = ucloud_vpn_customer_gateway.office.id
  vpc_id              = ucloud_vpc.main.id
  ike_config {
    pre_shared_key = "change-me-please"
  }
  ipsec_config {
    local_subnet_ids = [ucloud_subnet.main.id]
    remote_subnets   = ["10.50.0.0/16"]
  }
}
