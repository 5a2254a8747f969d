# A Beijing CVM that boots a WireGuard tunnel to a server registered in the US.
provider "tencentcloud" {
  region = "ap-beijing"
}

resource "tencentcloud_instance" "egress" {
  instance_name     = "egress"
  availability_zone = "ap-beijing-6"
  image_id          = "img-eb30mz89"
  instance_type     = "S5.MEDIUM2"
  vpc_id            = "vpc-0a1b2c3d"
  subnet_id         = "subnet-0a1b2c3d"

  user_data_raw = <<-EOT
    #!/bin/bash
    apt-get install -y wireguard
    cat > /etc/wireguard/wg0.conf <<'EOF'
    [Interface]
    PrivateKey = REPLACE
    Address = 10.99.0.2/24
    [Peer]
    PublicKey = REPLACE
    Endpoint = 18.184.10.10:51820
    AllowedIPs = 0.0.0.0/0
    EOF
    systemctl enable --now wg-quick@wg0
  EOT
}
