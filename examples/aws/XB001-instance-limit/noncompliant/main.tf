# 65 branch-office gateways from one for_each: exitlint evaluates the first 64 instances and
# reports that the rest (where a foreign peer could hide) were not checked.
provider "aws" {
  region = "cn-north-1"
}

locals {
  branches = { for i in range(65) : "branch-${i}" => "10.8.${i}.1" }
}

resource "aws_customer_gateway" "branch" {
  for_each   = local.branches
  bgp_asn    = 65010
  ip_address = each.value
  type       = "ipsec.1"
}
