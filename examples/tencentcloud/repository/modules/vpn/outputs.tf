output "vpn_gateway_id" {
  value = tencentcloud_vpn_gateway.this.id
}
