output "cloud_connection_id" {
  value = huaweicloud_cc_connection.this.id
}
