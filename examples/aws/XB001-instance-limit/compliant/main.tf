# The same gateways split into two resources of at most 64 instances each: all are checked.
provider "aws" {
  region = "cn-north-1"
}

locals {
  branches_a = { for i in range(0, 40) : "branch-${i}" => "10.8.${i}.1" }
  branches_b = { for i in range(40, 65) : "branch-${i}" => "10.8.${i}.1" }
}

resource "aws_customer_gateway" "branch_a" {
  for_each   = local.branches_a
  bgp_asn    = 65010
  ip_address = each.value
  type       = "ipsec.1"
}

resource "aws_customer_gateway" "branch_b" {
  for_each   = local.branches_b
  bgp_asn    = 65010
  ip_address = each.value
  type       = "ipsec.1"
}
