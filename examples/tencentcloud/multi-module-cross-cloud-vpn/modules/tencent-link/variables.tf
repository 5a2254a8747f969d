variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "vpn_gateway_id" {
  type = string
}

variable "peer_ip" {
  type = string
}

variable "remote_cidrs" {
  type = list(string)
}
