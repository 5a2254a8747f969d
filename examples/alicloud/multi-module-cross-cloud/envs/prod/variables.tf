variable "hub_vpc_id" {
  type = string
}

variable "hub_vswitch_id" {
  type = string
}

variable "hub_cidr" {
  type    = string
  default = "10.10.0.0/16"
}

variable "gz_vpc_id" {
  type = string
}

variable "hk_vpc_id" {
  type = string
}

variable "cen_id" {
  type = string
}
