# EC2 web server in AWS China (Beijing); its boot script installs nginx only.
provider "aws" {
  region = "cn-north-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0a1b2c3d4e5f67890"
}

resource "aws_instance" "web" {
  ami           = var.ami_id
  instance_type = "t3.small"

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    apt-get update
    apt-get install -y nginx
    systemctl enable --now nginx
  EOT

  tags = {
    Name = "web"
  }
}
