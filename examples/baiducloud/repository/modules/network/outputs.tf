output "vpc_id" {
  value = baiducloud_vpc.this.id
}

output "route_table_id" {
  value = baiducloud_vpc.this.route_table_id
}
