# Two offices over for_each (Frankfurt abroad, Shanghai in the mainland) and a Hong Kong edge
# module bound to an aliased provider whose region comes from a variable.
provider "aws" {
  region = "cn-north-1"
}

provider "aws" {
  alias  = "hk"
  region = var.hk_region
}

variable "hk_region" {
  type = string
}

variable "offices" {
  type = map(string)
  default = {
    a = "18.184.10.10"
    b = "114.114.114.114"
  }
}

resource "aws_vpn_gateway" "vgw" {
  vpc_id = "vpc-0a1b2c3d"
}

resource "aws_customer_gateway" "hq" {
  for_each   = var.offices
  bgp_asn    = 65000
  ip_address = each.value
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "hq" {
  for_each            = var.offices
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.hq[each.key].id
  type                = "ipsec.1"
}

module "edge" {
  source = "./modules/edge"
  providers = {
    aws = aws.hk
  }
}
