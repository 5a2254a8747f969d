variable "vpc_id" {
  type = string
}

variable "peer_vpc_id" {
  type = string
}

variable "peer_region" {
  type = string
}

variable "description" {
  type    = string
  default = ""
}
