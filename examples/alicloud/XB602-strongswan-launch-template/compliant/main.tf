# The same launch template connecting strongSwan to the Shanghai office gateway: both ends are in
# mainland China.
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
    conn shanghai-office
      left=%defaultroute
      right=114.114.114.114
      auto=start
    CONF
    systemctl enable --now strongswan
  EOT
  )
}
