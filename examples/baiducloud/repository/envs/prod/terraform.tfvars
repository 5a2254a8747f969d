# The Guangzhou office is the only tunnel, and staff traffic egresses there (domestic).
office_peers = {
  guangzhou-office = {
    ip      = "183.232.231.172"
    subnets = ["10.8.0.0/16"]
  }
}

peerings = {
  gz-backup = {
    vpc_id = "vpc-gz0backup"
    region = "gz"
  }
  # the Hong Kong reseller's VPC: crosses the border
  hk-reseller = {
    vpc_id = "vpc-hkg0resell"
    region = "hkg"
  }
}

sites = {
  "maps.example.cn"  = false
  "maps.example.com" = true # overseas edges pulling from the Beijing origin
}
