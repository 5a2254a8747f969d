variable "region" {
  type    = string
  default = "cn-north-4"
}

variable "offices" {
  type = map(object({
    ip      = string
    subnets = list(string)
  }))
}

variable "backbone_networks" {
  type = map(object({
    vpc_id     = string
    region     = string
    project_id = string
    cidrs      = list(string)
  }))
  default = {}
}

variable "backbone_bandwidth" {
  type = object({
    local_area  = string
    remote_area = string
    size        = number
  })
}

variable "backbone_links" {
  type    = map(list(string))
  default = {}
}

variable "ga_entry_area" {
  type    = string
  default = "CM"
}
