variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "peer_ip" {
  type = string
}

variable "peer_subnets" {
  type = list(string)
}

variable "local_subnets" {
  type = list(string)
}
