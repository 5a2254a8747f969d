variable "name" {
  type = string
}

variable "local_tgw_id" {
  type = string
}

variable "peer_asn" {
  type = number
}
