output "vpc_id" {
  value = tencentcloud_vpc.this.id
}

output "route_table_id" {
  value = tencentcloud_route_table.this.id
}

output "subnet_ids" {
  value = { for az, s in tencentcloud_subnet.this : az => s.id }
}
