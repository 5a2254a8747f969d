variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "vswitch_id" {
  type = string
}

variable "local_subnets" {
  type = list(string)
}

variable "peers" {
  description = "site name => public IP of its VPN device and the site's private ranges"
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}
