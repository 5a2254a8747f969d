variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "route_table_id" {
  type = string
}

variable "peers" {
  description = "site => public IP of its VPN device and its private ranges"
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "route_all_traffic" {
  description = "send the VPC's default route into the VPN gateway (central egress at a site)"
  type        = bool
  default     = false
}
