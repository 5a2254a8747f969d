variable "ali_sh_vpc_id" {
  type    = string
  default = "vpc-uf6edge000000000001"
}

variable "ali_hk_vpc_id" {
  type    = string
  default = "vpc-j6cedge000000000001"
}
