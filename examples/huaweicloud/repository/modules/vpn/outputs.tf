output "gateway_id" {
  value = huaweicloud_vpn_gateway.this.id
}
