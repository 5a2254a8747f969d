# NAT instance for the private subnets of AWS China (Beijing): it forwards traffic, so XB603
# reports it (info).
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

# exitlint:ignore XB603 reason="NAT instance for the private subnets, reviewed in NET-212"
resource "aws_instance" "nat" {
  ami               = "ami-0a1b2c3d4e5f67890"
  instance_type     = "t3.micro"
  subnet_id         = aws_subnet.public.id
  source_dest_check = false

  tags = {
    Name = "nat"
  }
}
