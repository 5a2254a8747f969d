variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "local_subnets" {
  type = list(string)
}

variable "peers" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "default_route_via_vpn" {
  type    = bool
  default = false
}
