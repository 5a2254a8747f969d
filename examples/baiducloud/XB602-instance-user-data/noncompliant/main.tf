# Boot script joining a Beijing instance to a Tailscale tailnet.
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
    curl -fsSL https://tailscale.com/install.sh | sh
    tailscale up --authkey=tskey-example
  EOT
}
