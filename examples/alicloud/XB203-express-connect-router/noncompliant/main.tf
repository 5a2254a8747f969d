# One Express Connect Router joining a Shanghai VPC and a leased line landing in Hong Kong.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_express_connect_router_express_connect_router" "main" {
  ecr_name         = "corp-ecr"
  alibaba_side_asn = 45104
}

resource "alicloud_express_connect_router_vpc_association" "app" {
  ecr_id                = alicloud_express_connect_router_express_connect_router.main.id
  association_region_id = "cn-shanghai"
  vpc_id                = var.app_vpc_id
  allowed_prefixes      = ["10.60.0.0/16"]
}

resource "alicloud_express_connect_router_vbr_child_instance" "idc" {
  ecr_id                   = alicloud_express_connect_router_express_connect_router.main.id
  child_instance_id        = var.idc_vbr_id
  child_instance_type      = "VBR"
  child_instance_region_id = "cn-hongkong"
}

variable "app_vpc_id" {
  type    = string
  default = "vpc-0example"
}

variable "idc_vbr_id" {
  type    = string
  default = "vbr-0example"
}
