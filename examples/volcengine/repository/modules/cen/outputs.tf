output "cen_id" {
  value = volcengine_cen.this.id
}
