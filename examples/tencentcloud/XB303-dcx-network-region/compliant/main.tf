# A Guangzhou private line's dedicated tunnel bound to a VPC in Shenzhen.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_dc_gateway" "main" {
  name                = "dcg-main"
  network_instance_id = "vpc-0a1b2c3d"
  network_type        = "VPC"
  gateway_type        = "NORMAL"
}

resource "tencentcloud_dcx" "tunnel" {
  name           = "line-to-vpc"
  dc_id          = "dc-0a1b2c3d"
  dcg_id         = tencentcloud_dc_gateway.main.id
  network_type   = "VPC"
  network_region = "ap-shenzhen"
  vpc_id         = "vpc-0a1b2c3d"
  route_type     = "BGP"
  bandwidth      = 500
  vlan           = 200
}
