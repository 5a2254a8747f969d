variable "name" {
  type = string
}

variable "asn" {
  type = number
}
