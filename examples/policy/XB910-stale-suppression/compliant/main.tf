# Bastion host in AWS China (Beijing); it no longer forwards traffic (the NAT moved to a
# NAT gateway).
provider "aws" {
  region = "cn-north-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.0.0/24"
}

resource "aws_instance" "nat" {
  ami               = "ami-0a1b2c3d4e5f67890"
  instance_type     = "t3.micro"
  subnet_id         = aws_subnet.public.id

  tags = {
    Name = "nat"
  }
}
