offices = {
  shanghai-office = {
    ip      = "101.226.4.6"
    subnets = ["192.168.60.0/24"]
  }
}

backbone_networks = {
  shanghai = {
    vpc_id     = "vpc-sh0erp"
    region     = "cn-east-3"
    project_id = "0a1b2c3d4e5f0002"
    cidrs      = ["10.41.0.0/16"]
  }
  # the Hong Kong sales VPC (ap-southeast-1 is CN-Hong Kong)
  hongkong = {
    vpc_id     = "vpc-hk0sales"
    region     = "ap-southeast-1"
    project_id = "0a1b2c3d4e5f0003"
    cidrs      = ["10.42.0.0/16"]
  }
}

backbone_bandwidth = {
  local_area  = "Chinese-Mainland"
  remote_area = "Asia-Pacific"
  size        = 10
}

backbone_links = {
  beijing-shanghai = ["cn-north-4", "cn-east-3"]
  beijing-hongkong = ["cn-north-4", "ap-southeast-1"]
}

# overseas customers enter outside the mainland and are accelerated to the Beijing origin
ga_entry_area = "OUTOFCM"
