variable "name" {
  type = string
}

variable "transit_gateway_id" {
  type = string
}

variable "peer_ip" {
  type = string
}

variable "bgp_asn" {
  type = number
}
