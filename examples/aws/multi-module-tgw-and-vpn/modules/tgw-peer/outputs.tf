output "attachment_id" {
  value = aws_ec2_transit_gateway_peering_attachment.this.id
}
