output "public_ip" {
  value = tencentcloud_vpn_gateway.this.public_ip_address
}
