variable "name" {
  type = string
}

variable "networks" {
  description = "name => VPC ID, its region and project, and the CIDRs it announces"
  type = map(object({
    vpc_id     = string
    region     = string
    project_id = string
    cidrs      = list(string)
  }))
}

variable "bandwidth_package" {
  type = object({
    local_area  = string
    remote_area = string
    size        = number
  })
}

variable "inter_region" {
  description = "name => two regions sharing the bandwidth package"
  type        = map(list(string))
  default     = {}
}
