# Boot script installing nginx.
provider "baiducloud" {
  region = "bj"
}

resource "baiducloud_instance" "app" {
  name                  = "app-01"
  image_id              = "m-A4jJpFzi"
  availability_zone     = "cn-bj-d"
  cpu_count             = 2
  memory_capacity_in_gb = 8
  payment_timing        = "Postpaid"
  user_data             = <<-EOT
    #!/bin/bash
    yum install -y nginx && systemctl enable --now nginx
  EOT
}
