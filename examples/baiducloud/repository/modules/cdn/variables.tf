variable "domain" {
  type = string
}

variable "origin_ip" {
  type = string
}

variable "overseas" {
  description = "serve the site from Baidu's overseas CDN (CDN-ABROAD) instead of the domestic one"
  type        = bool
  default     = false
}
