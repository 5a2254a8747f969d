output "tunnel1_address" {
  description = "AWS side of the first tunnel, assigned at creation."
  value       = aws_vpn_connection.this.tunnel1_address
}
