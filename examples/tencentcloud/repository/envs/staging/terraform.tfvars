subnets = {
  "ap-guangzhou-3" = "10.31.1.0/24"
}

vpn_peers = {
  shenzhen-office = {
    ip      = "119.29.29.29"
    subnets = ["192.168.50.0/24"]
  }
}
