# A Beijing4 ECS with source/destination check disabled: it forwards traffic (router or VPN appliance).
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_compute_instance" "router" {
  name               = "router"
  image_id           = "0a1b2c3d-0000-0000-0000-00000000img1"
  flavor_id          = "s6.small.1"
  security_group_ids = ["0a1b2c3d-0000-0000-0000-000000000sg1"]
  availability_zone  = "cn-north-4a"

  network {
    uuid = "0a1b2c3d-0000-0000-0000-00000000net1"
    source_dest_check = false
  }
}
