output "domain" {
  value = var.domain
}
