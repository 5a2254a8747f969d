# Private subnets in AWS China (Beijing) reach the Internet through a managed NAT gateway (an
# approved Internet exit) instead of a forwarding instance.
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

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
}

resource "aws_instance" "app" {
  ami               = var.ami_id
  instance_type     = "t3.micro"
  subnet_id         = aws_subnet.private.id
  source_dest_check = true

  tags = {
    Name = "app"
  }
}
