output "vpn_gateway_id" {
  value = baiducloud_vpn_gateway.this.id
}
