variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "peer" {
  type = object({
    vpc_id = string
    region = string
    uin    = string
  })
}
