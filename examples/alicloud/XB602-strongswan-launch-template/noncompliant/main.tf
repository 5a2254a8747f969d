# A launch template in Alibaba Cloud Shanghai whose user data installs strongSwan and connects it
# to an office gateway in Frankfurt (right=): every instance launched from it opens an IPsec
# tunnel across the border.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_ecs_launch_template" "ipsec" {
  launch_template_name = "ipsec-gateway"
  instance_type        = "ecs.g7.large"
  image_id             = "centos_7_9_x64_20G_alibase_20240628.vhd"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    yum install -y strongswan
    cat > /etc/strongswan/ipsec.conf <<'CONF'
    conn frankfurt-office
      left=%defaultroute
      right=18.184.10.10
      auto=start
    CONF
    systemctl enable --now strongswan
  EOT
  )
}
