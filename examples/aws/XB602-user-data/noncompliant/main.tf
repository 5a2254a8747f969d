# EC2 instance in AWS China (Beijing) whose boot script installs WireGuard with a peer in Frankfurt
# and a Shadowsocks server.
provider "aws" {
  region = "cn-north-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0a1b2c3d4e5f67890"
}

resource "aws_instance" "relay" {
  ami                    = var.ami_id
  instance_type          = "t3.small"
  associate_public_ip_address = true

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    apt-get update
    apt-get install -y wireguard shadowsocks-libev
    cat > /etc/wireguard/wg0.conf <<'CONF'
    [Interface]
    Address = 10.200.0.2/24
    PrivateKey = REPLACE_ME
    ListenPort = 51820

    [Peer]
    PublicKey = hXr3Xl0Yk1vUfEnJt0wPp0kP1sQ2uQ4GvN0aZ7qL9mE=
    Endpoint = 18.184.10.10:51820
    AllowedIPs = 10.100.0.0/16
    PersistentKeepalive = 25
    CONF
    systemctl enable --now wg-quick@wg0
    systemctl enable --now shadowsocks-libev
  EOT

  tags = {
    Name = "relay"
  }
}
