output "vpn_gateway_id" {
  value = volcengine_vpn_gateway.this.id
}
