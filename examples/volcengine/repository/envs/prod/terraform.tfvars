# The Shanghai IDC is the only IPsec peer; the default route goes there too (domestic).
idc_peers = {
  shanghai-idc = {
    ip      = "101.226.4.6"
    subnets = ["10.200.0.0/16"]
  }
}

cen_members = {
  shanghai = {
    vpc_id = "vpc-sh0feed"
    region = "cn-shanghai"
  }
  # the overseas feed service in Johor joins the same CEN: crosses the border
  johor = {
    vpc_id = "vpc-my0feed"
    region = "ap-southeast-1"
  }
}

cen_bandwidth_package = {
  local     = "China"
  peer      = "Asia"
  bandwidth = 10
}

cen_links = {
  beijing-shanghai = {
    local     = "cn-beijing"
    peer      = "cn-shanghai"
    bandwidth = 5
  }
  beijing-johor = {
    local     = "cn-beijing"
    peer      = "ap-southeast-1"
    bandwidth = 5
  }
}
