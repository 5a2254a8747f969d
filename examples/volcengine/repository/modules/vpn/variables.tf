variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "route_table_id" {
  type = string
}

variable "local_subnets" {
  type = list(string)
}

variable "peers" {
  description = "site => public IP of its VPN device and its private ranges"
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "default_route_via_vpn" {
  type    = bool
  default = false
}
