# Boot script installing a Shadowsocks proxy on a Beijing instance.
provider "volcengine" {
  region = "cn-beijing"
}

resource "volcengine_vpc" "main" {
  vpc_name   = "app"
  cidr_block = "10.40.0.0/16"
}

resource "volcengine_subnet" "app" {
  subnet_name = "app"
  cidr_block  = "10.40.1.0/24"
  zone_id     = "cn-beijing-a"
  vpc_id      = volcengine_vpc.main.id
}

resource "volcengine_security_group" "app" {
  vpc_id = volcengine_vpc.main.id
}

resource "volcengine_ecs_instance" "app" {
  instance_name        = "app-01"
  image_id             = "image-ybqi99s7yq8rx7mnk44b"
  instance_type        = "ecs.g1.large"
  system_volume_type   = "ESSD_PL0"
  system_volume_size   = 40
  subnet_id            = volcengine_subnet.app.id
  security_group_ids   = [volcengine_security_group.app.id]
  instance_charge_type = "PostPaid"
  user_data            = base64encode(<<-EOT
    #!/bin/bash
    apt-get install -y shadowsocks-libev
    systemctl enable --now shadowsocks-libev
  EOT
  )
}
