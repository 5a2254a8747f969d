variable "region" {
  type    = string
  default = "ap-shanghai"
}

variable "vpn_peers" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "peerings" {
  description = "partner VPCs peered with production, by partner name"
  type = map(object({
    vpc_id = string
    region = string
    uin    = string
  }))
  default = {}
}

variable "ops_ingress" {
  type = list(object({
    protocol    = string
    port        = string
    cidr_block  = string
    description = string
  }))
  default = []
}
