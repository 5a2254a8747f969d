variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "cc_id" {
  type = string
}

variable "project_id" {
  type = string
}
