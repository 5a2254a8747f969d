output "vpn_gateway_id" {
  value = tencentcloud_vpn_gateway.this.id
}

output "public_ip" {
  value = tencentcloud_vpn_gateway.this.public_ip_address
}
