output "peer_conn_id" {
  value = baiducloud_peer_conn.this.id
}
