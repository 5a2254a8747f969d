variable "tc_gz_vpc_id" {
  type    = string
  default = "vpc-gz000001"
}

variable "tc_hk_vpc_id" {
  type    = string
  default = "vpc-hk000001"
}

variable "hw_vpc_id" {
  type    = string
  default = "0f2a1c3e-0000-4000-8000-000000000001"
}

variable "hw_subnet_id" {
  type    = string
  default = "0f2a1c3e-0000-4000-8000-000000000002"
}
