output "vpc_id" {
  value = huaweicloud_vpc.this.id
}

output "subnet_ids" {
  value = { for k, s in huaweicloud_vpc_subnet.this : k => s.id }
}
