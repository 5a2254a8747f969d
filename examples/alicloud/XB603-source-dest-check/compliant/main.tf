# An ordinary instance (source/destination check on by default).
provider "alicloud" {
  region = "cn-guangzhou"
}

resource "alicloud_instance" "router" {
  instance_name        = "edge-router"
  instance_type        = "ecs.c7.large"
  image_id             = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  vswitch_id           = var.vswitch_id
  security_groups      = [var.security_group_id]
  system_disk_category = "cloud_essd"
}

variable "vswitch_id" {
  type    = string
  default = "vsw-0example"
}

variable "security_group_id" {
  type    = string
  default = "sg-0example"
}
