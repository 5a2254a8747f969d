provider "huaweicloud" {}

resource "huaweicloud_vpc" "this" {
  name = var.name
  cidr = var.cidr
}

resource "huaweicloud_cc_network_instance" "this" {
  type                = "vpc"
  cloud_connection_id = var.cc_id
  instance_id         = huaweicloud_vpc.this.id
  project_id          = var.project_id
  region_id           = huaweicloud_vpc.this.region
  cidrs               = [var.cidr]
}
