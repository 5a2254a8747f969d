# A Beijing4 ECS that starts a Shadowsocks server at boot.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_compute_instance" "proxy" {
  name               = "proxy"
  image_id           = "0a1b2c3d-0000-0000-0000-00000000img1"
  flavor_id          = "s6.small.1"
  security_group_ids = ["0a1b2c3d-0000-0000-0000-000000000sg1"]
  availability_zone  = "cn-north-4a"

  user_data = <<-EOT
    #!/bin/bash
    pip3 install shadowsocks
    ssserver -p 8388 -k change-me -m aes-256-gcm -d start
  EOT

  network {
    uuid = "0a1b2c3d-0000-0000-0000-00000000net1"
  }
}
