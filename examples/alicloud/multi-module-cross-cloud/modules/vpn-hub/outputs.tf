output "vpn_gateway_id" {
  value = alicloud_vpn_gateway.this.id
}

output "public_ip" {
  description = "The hub's public address, assigned by Alibaba Cloud at creation."
  value       = alicloud_vpn_gateway.this.internet_ip
}
