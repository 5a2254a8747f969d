variable "name" {
  type = string
}

variable "members" {
  description = "member name => VPC ID and region"
  type = map(object({
    vpc_id = string
    region = string
  }))
}

variable "bandwidth_package" {
  description = "the CEN bandwidth package's two geographic region sets"
  type = object({
    local     = string
    peer      = string
    bandwidth = number
  })
}

variable "inter_region_links" {
  description = "name => pair of regions that get inter-region bandwidth"
  type = map(object({
    local     = string
    peer      = string
    bandwidth = number
  }))
  default = {}
}
