variable "region" {
  type    = string
  default = "cn-shanghai"
}

variable "env" {
  type = string
}

variable "vpn_peers" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
  default = {}
}

variable "partner_peering" {
  description = "VPC peering to a partner's VPC"
  type = object({
    vpc_id     = string
    region     = string
    account_id = string
  })
}

variable "backbone_members" {
  description = "extra VPCs joining the CEN, by name"
  type = map(object({
    vpc_id = string
    region = string
  }))
  default = {}
}

variable "ga_cross_border" {
  type    = bool
  default = false
}
