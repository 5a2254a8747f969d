variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "subnets" {
  description = "subnet name => CIDR and gateway"
  type = map(object({
    cidr       = string
    gateway_ip = string
  }))
}

variable "ike_sources" {
  description = "offices whose VPN devices may negotiate IKE with the VPN gateway hosts"
  type        = list(string)
  default     = []
}
