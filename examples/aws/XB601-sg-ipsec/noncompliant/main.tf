# Self-managed strongSwan gateway on EC2 in AWS China (Beijing): the security group opens IKE and
# NAT-T to the Frankfurt office, and ESP as a separate rule.
provider "aws" {
  region = "cn-north-1"
}

variable "frankfurt_office_cidr" {
  type    = string
  default = "18.184.10.10/32"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_security_group" "vpn_gw" {
  name        = "strongswan-gw"
  description = "IPsec from the Frankfurt office"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "IKE"
    from_port   = 500
    to_port     = 500
    protocol    = "udp"
    cidr_blocks = [var.frankfurt_office_cidr]
  }

  ingress {
    description = "NAT-T"
    from_port   = 4500
    to_port     = 4500
    protocol    = "udp"
    cidr_blocks = [var.frankfurt_office_cidr]
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
  cidr_blocks       = [var.frankfurt_office_cidr]
  description       = "ESP"
}
