# One CEN joins a Beijing VPC and a Hong Kong VPC: the backbone crosses the border.
provider "volcengine" {
  region = "cn-beijing"
}

variable "second_vpc_id" {
  description = "VPC of the second site, created by another team"
  type        = string
  default     = "vpc-3rlkeggdexample"
}

resource "volcengine_vpc" "bj" {
  vpc_name   = "bj-core"
  cidr_block = "10.1.0.0/16"
}

resource "volcengine_cen" "corp" {
  cen_name    = "corp-backbone"
  description = "corporate backbone"
}

resource "volcengine_cen_attach_instance" "bj" {
  cen_id             = volcengine_cen.corp.id
  instance_id        = volcengine_vpc.bj.id
  instance_region_id = "cn-beijing"
  instance_type      = "VPC"
}

resource "volcengine_cen_attach_instance" "second" {
  cen_id             = volcengine_cen.corp.id
  instance_id        = var.second_vpc_id
  instance_region_id = "cn-hongkong"
  instance_type      = "VPC"
}
