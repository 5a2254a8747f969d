provider "aws" {}

data "aws_region" "current" {}

resource "aws_ec2_transit_gateway" "this" {
  description     = "${var.name} hub in ${data.aws_region.current.name}"
  amazon_side_asn = var.asn
}
