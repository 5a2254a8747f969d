output "vpn_gateway_id" {
  value = alicloud_vpn_gateway.this.id
}

output "public_ip" {
  value = alicloud_vpn_gateway.this.internet_ip
}
