variable "vswitches" {
  type = map(string)
}

variable "vpn_peers" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}
