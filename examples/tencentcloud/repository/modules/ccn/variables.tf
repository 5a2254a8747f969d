variable "name" {
  type = string
}

variable "members" {
  description = "name => VPC ID and region of each network joining the CCN"
  type = map(object({
    vpc_id = string
    region = string
  }))
}
