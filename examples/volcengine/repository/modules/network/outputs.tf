output "vpc_id" {
  value = volcengine_vpc.this.id
}

output "route_table_id" {
  value = volcengine_route_table.this.id
}

output "subnet_ids" {
  value = { for zone, s in volcengine_subnet.this : zone => s.id }
}
