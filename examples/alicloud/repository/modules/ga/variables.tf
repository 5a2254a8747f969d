variable "name" {
  type = string
}

variable "cross_border" {
  description = "accelerate between the mainland and regions outside it"
  type        = bool
  default     = false
}
