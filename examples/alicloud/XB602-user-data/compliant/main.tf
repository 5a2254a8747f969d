# The boot script installs a web server only.
provider "alicloud" {
  region = "cn-beijing"
}

resource "alicloud_instance" "gateway" {
  instance_name        = "office-gateway"
  instance_type        = "ecs.g7.large"
  image_id             = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  vswitch_id           = var.vswitch_id
  security_groups      = [var.security_group_id]
  system_disk_category = "cloud_essd"
  user_data            = <<-EOT
    #!/bin/bash
    apt-get update && apt-get install -y nginx
    systemctl enable --now nginx
  EOT
}

variable "vswitch_id" {
  type    = string
  default = "vsw-0example"
}

variable "security_group_id" {
  type    = string
  default = "sg-0example"
}
