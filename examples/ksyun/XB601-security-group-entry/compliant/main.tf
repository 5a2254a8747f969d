# L2TP opened only to the private network.
provider "ksyun" {
  region = "cn-shanghai-2"
}

resource "ksyun_vpc" "main" {
  vpc_name   = "edge"
  cidr_block = "10.8.0.0/16"
}

resource "ksyun_security_group" "l2tp" {
  vpc_id              = ksyun_vpc.main.id
  security_group_name = "l2tp-host"
}

resource "ksyun_security_group_entry" "l2tp" {
  security_group_id = ksyun_security_group.l2tp.id
  direction         = "in"
  protocol          = "udp"
  port_range_from   = 1701
  port_range_to     = 1701
  cidr_block        = "10.0.0.0/8"
}
