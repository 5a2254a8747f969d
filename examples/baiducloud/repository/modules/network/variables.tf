variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "subnets" {
  description = "zone => subnet CIDR"
  type        = map(string)
}
