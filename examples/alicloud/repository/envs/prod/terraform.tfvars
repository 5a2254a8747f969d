env = "prod"

# Offices reach production over IPsec; both sites are in the mainland.
vpn_peers = {
  beijing-office = {
    ip      = "114.114.114.114"
    subnets = ["192.168.10.0/24"]
  }
  guangzhou-dc = {
    ip      = "223.5.5.5"
    subnets = ["192.168.20.0/24"]
  }
}

# The partner's VPC is in Hong Kong: this peering crosses the border.
partner_peering = {
  vpc_id     = "vpc-j6c0partner0001"
  region     = "cn-hongkong"
  account_id = "1234567890123456"
}

backbone_members = {
  beijing-analytics = {
    vpc_id = "vpc-2zeanalytics0001"
    region = "cn-beijing"
  }
  # the European shop joins the same CEN: every member now spans China and Europe
  frankfurt-shop = {
    vpc_id = "vpc-gw8frankfurt0001"
    region = "eu-central-1"
  }
}

ga_cross_border = true
