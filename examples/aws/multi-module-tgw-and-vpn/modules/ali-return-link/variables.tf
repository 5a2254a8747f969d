variable "name" {
  type = string
}

variable "vpn_gateway_id" {
  type = string
}

variable "peer_ip" {
  type = string
}
