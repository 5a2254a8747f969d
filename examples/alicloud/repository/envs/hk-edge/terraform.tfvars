vswitches = {
  "cn-hongkong-b" = "10.20.1.0/24"
  "cn-hongkong-c" = "10.20.2.0/24"
}

# Singapore office (registered to SG): Hong Kong to Singapore stays outside the mainland.
vpn_peers = {
  singapore-office = {
    ip      = "8.219.0.10"
    subnets = ["192.168.30.0/24"]
  }
}
