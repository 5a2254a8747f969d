variable "name" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "vswitches" {
  description = "zone => CIDR of one vSwitch per zone"
  type        = map(string)
}

variable "nat_bandwidth" {
  type    = number
  default = 100
}

variable "https_sources" {
  description = "who may reach the load balancers on 443"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}
