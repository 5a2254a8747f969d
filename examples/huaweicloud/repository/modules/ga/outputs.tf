output "accelerator_id" {
  value = huaweicloud_ga_accelerator.this.id
}
