variable "cen_id" {
  type = string
}
