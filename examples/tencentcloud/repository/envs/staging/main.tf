provider "tencentcloud" {
  region = "ap-guangzhou"
}

module "network" {
  source = "../../modules/network"

  name       = "pay-staging"
  cidr_block = "10.31.0.0/16"
  subnets    = var.subnets
}

# Staging sends everything through the Shenzhen office firewall; the only tunnel on that gateway
# ends in Shenzhen, so the default route stays in the mainland.
module "vpn" {
  source = "../../modules/vpn"

  name              = "pay-staging-office"
  vpc_id            = module.network.vpc_id
  route_table_id    = module.network.route_table_id
  peers             = var.vpn_peers
  route_all_traffic = true
}
