# The module vendored into the repository and called by path: exitlint evaluates it.
provider "aws" {
  region = "cn-north-1"
}

module "vpn" {
  source = "./modules/vpn"

  customer_gateway_ip = "114.114.114.114" # registered to CN
}
