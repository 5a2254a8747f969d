variable "name" {
  type = string
}

variable "entry_area" {
  description = "where users enter the accelerator: CM (Chinese mainland) or OUTOFCM"
  type        = string
  default     = "CM"
}

variable "origin_region" {
  type = string
}

variable "origin_eip_id" {
  type = string
}
