variable "office_peers" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "peerings" {
  description = "name => peer VPC and its region"
  type = map(object({
    vpc_id = string
    region = string
  }))
  default = {}
}

variable "sites" {
  description = "domain => whether it is served from the overseas CDN"
  type        = map(bool)
  default     = {}
}
