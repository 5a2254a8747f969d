output "vpc_id" {
  value = alicloud_vpc.this.id
}

output "route_table_id" {
  value = alicloud_vpc.this.route_table_id
}

output "vswitch_ids" {
  value = { for zone, vsw in alicloud_vswitch.this : zone => vsw.id }
}

output "security_group_id" {
  value = alicloud_security_group.web.id
}
