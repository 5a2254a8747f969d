variable "name" {
  type = string
}

variable "members" {
  description = "attachment name => VPC ID and the region it lives in"
  type = map(object({
    vpc_id = string
    region = string
  }))
}
