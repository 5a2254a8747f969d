# WireGuard on a Beijing host open only to a mainland range (Volcengine Cloud Control provider)
provider "volcenginecc" {
  region = "cn-beijing"
}

resource "volcenginecc_vpc_security_group" "wg" {
  vpc_id              = "vpc-13fpdgwk7rxts3n6nu4example"
  security_group_name = "wireguard-host"
  ingress_permissions = [
    {
      protocol   = "udp"
      port_start = 51820
      port_end   = 51820
      cidr_ip    = "180.76.0.0/16"
      policy     = "accept"
      priority   = 1
    },
    {
      protocol   = "tcp"
      port_start = 22
      port_end   = 22
      cidr_ip    = "10.0.0.0/8"
      policy     = "accept"
      priority   = 1
    },
  ]
}
