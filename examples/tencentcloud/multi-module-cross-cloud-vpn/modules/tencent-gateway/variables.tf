variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "zone" {
  type = string
}
