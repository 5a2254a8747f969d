variable "name" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "subnets" {
  description = "zone => subnet CIDR"
  type        = map(string)
}
