variable "region" {
  type    = string
  default = "cn-beijing"
}

variable "idc_peers" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "cen_members" {
  type = map(object({
    vpc_id = string
    region = string
  }))
  default = {}
}

variable "cen_bandwidth_package" {
  type = object({
    local     = string
    peer      = string
    bandwidth = number
  })
}

variable "cen_links" {
  type = map(object({
    local     = string
    peer      = string
    bandwidth = number
  }))
  default = {}
}
