variable "project_ids" {
  type = map(string)
  default = {
    "cn-north-4"     = "0b1f0000000000000000000000000004"
    "cn-east-3"      = "0b1f0000000000000000000000000003"
    "ap-southeast-1" = "0b1f0000000000000000000000000001"
  }
}

variable "vpn_gateway_id" {
  type    = string
  default = "6e1c0000-0000-4000-8000-000000000001"
}

variable "vpn_gateway_eip_id" {
  type    = string
  default = "6e1c0000-0000-4000-8000-000000000002"
}
