variable "name" {
  type = string
}

variable "zone" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "hub_ip" {
  type        = string
  description = "Public address of the hub's VPN gateway."
}

variable "hub_cidrs" {
  type = list(string)
}
