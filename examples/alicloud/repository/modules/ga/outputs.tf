output "accelerator_id" {
  value = alicloud_ga_accelerator.this.id
}
