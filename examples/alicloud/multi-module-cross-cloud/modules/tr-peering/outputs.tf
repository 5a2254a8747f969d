output "attachment_id" {
  value = alicloud_cen_transit_router_peer_attachment.this.id
}
