# A Beijing CVM that installs nginx at boot.
provider "tencentcloud" {
  region = "ap-beijing"
}

resource "tencentcloud_instance" "web" {
  instance_name     = "web"
  availability_zone = "ap-beijing-6"
  image_id          = "img-eb30mz89"
  instance_type     = "S5.MEDIUM2"
  vpc_id            = "vpc-0a1b2c3d"
  subnet_id         = "subnet-0a1b2c3d"

  user_data_raw = <<-EOT
    #!/bin/bash
    apt-get install -y nginx
    systemctl enable --now nginx
  EOT
}
