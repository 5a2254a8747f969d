output "cen_id" {
  value = alicloud_cen_instance.this.id
}
