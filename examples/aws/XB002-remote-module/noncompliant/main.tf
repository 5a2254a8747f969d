# A registry module that was never downloaded (no .terraform/modules): the VPN it creates
# with this peer is not checked.
provider "aws" {
  region = "cn-north-1"
}

module "vpn" {
  source  = "terraform-aws-modules/vpn-gateway/aws"
  version = "3.7.0"

  customer_gateway_ip = "52.0.0.1"
}
