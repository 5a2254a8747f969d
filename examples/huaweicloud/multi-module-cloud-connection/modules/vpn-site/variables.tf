variable "name" {
  type = string
}

variable "gateway_id" {
  type = string
}

variable "gateway_ip" {
  type = string
}

variable "peer_ip" {
  type = string
}

variable "peer_subnets" {
  type = list(string)
}
