# Self-managed strongSwan gateway on EC2 in AWS China (Beijing) for the Shanghai office: IKE, NAT-T
# and ESP are open only to the office's mainland address and to the VPC.
provider "aws" {
  region = "cn-north-1"
}

variable "shanghai_office_cidr" {
  type    = string
  default = "114.114.114.114/32" # registered to CN
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_security_group" "vpn_gw" {
  name        = "strongswan-gw"
  description = "IPsec from the Shanghai office"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "IKE"
    from_port   = 500
    to_port     = 500
    protocol    = "udp"
    cidr_blocks = [var.shanghai_office_cidr]
  }

  ingress {
    description = "NAT-T"
    from_port   = 4500
    to_port     = 4500
    protocol    = "udp"
    cidr_blocks = [var.shanghai_office_cidr, aws_vpc.main.cidr_block]
  }

  ingress {
    description = "HTTPS from anywhere (not a tunnel port)"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name = "strongswan-gw"
  }
}

resource "aws_security_group_rule" "esp" {
  type              = "ingress"
  security_group_id = aws_security_group.vpn_gw.id
  protocol          = "50"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = [var.shanghai_office_cidr]
  description       = "ESP"
}
