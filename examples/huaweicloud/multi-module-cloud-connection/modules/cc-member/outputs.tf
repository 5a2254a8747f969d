output "vpc_id" {
  value = huaweicloud_vpc.this.id
}
