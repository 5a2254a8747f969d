provider "baiducloud" {
  region = "su"
}

variable "partner_vpn_ip" {
  description = "public IP of the partner's VPN device, passed with -var by the pipeline"
  type        = string
}

module "network" {
  source = "../../modules/network"

  name    = "maps-dr"
  cidr    = "192.169.0.0/16"
  subnets = { "cn-su-a" = "192.169.1.0/24" }
}

module "partner_vpn" {
  source = "../../modules/vpn"

  name           = "maps-dr-partner"
  vpc_id         = module.network.vpc_id
  route_table_id = module.network.route_table_id
  local_subnets  = ["192.169.0.0/16"]
  peers = {
    partner = {
      ip      = var.partner_vpn_ip
      subnets = ["10.99.0.0/16"]
    }
  }
}
