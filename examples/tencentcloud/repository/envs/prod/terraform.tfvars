vpn_peers = {
  beijing-office = {
    ip      = "114.114.114.114"
    subnets = ["192.168.10.0/24"]
  }
  # the group's data centre in Frankfurt: a tunnel across the border
  frankfurt-dc = {
    ip      = "18.184.10.10"
    subnets = ["172.20.0.0/16"]
  }
}

peerings = {
  # same-region partner: domestic
  logistics = {
    vpc_id = "vpc-logistics01"
    region = "ap-shanghai"
    uin    = "100000000001"
  }
  # the Hong Kong subsidiary: crosses the border
  hk-subsidiary = {
    vpc_id = "vpc-hk0subsid"
    region = "ap-hongkong"
    uin    = "100000000002"
  }
}

ops_ingress = [
  {
    protocol    = "UDP"
    port        = "51820"
    cidr_block  = "0.0.0.0/0"
    description = "WireGuard for the on-call laptops"
  },
]
