variable "name" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "subnets" {
  description = "availability zone => subnet CIDR"
  type        = map(string)
}

variable "extra_ingress" {
  description = "extra ingress rules of the web security group, in rule-set form"
  type = list(object({
    protocol    = string
    port        = string
    cidr_block  = string
    description = string
  }))
  default = []
}
