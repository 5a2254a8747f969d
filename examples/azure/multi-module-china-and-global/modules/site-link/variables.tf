variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group" {
  type = string
}

variable "gateway_id" {
  type = string
}

variable "peer_ip" {
  type = string
}

variable "peer_address_space" {
  type = list(string)
}
