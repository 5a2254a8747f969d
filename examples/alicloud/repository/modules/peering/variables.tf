variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "peer_vpc_id" {
  type = string
}

variable "peer_region" {
  description = "region of the accepting VPC"
  type        = string
}

variable "peer_account_id" {
  type    = string
  default = null
}
