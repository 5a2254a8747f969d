# NAT/VPN appliance instance in AWS China (Beijing) with source/destination checking disabled.
provider "aws" {
  region = "cn-north-1"
}

variable "ami_id" {
  type    = string
  default = "ami-0a1b2c3d4e5f67890"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.0.0/24"
}

resource "aws_instance" "router" {
  ami               = var.ami_id
  instance_type     = "t3.micro"
  subnet_id         = aws_subnet.public.id
  source_dest_check = false

  tags = {
    Name = "router"
  }
}
