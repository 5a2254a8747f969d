# Classic Cloud VPN in Google Cloud Tokyo (asia-northeast1) tunnelling to the US office (8.8.8.8): both ends outside the mainland, out of scope.
provider "google" {
  project = "acme-network"
  region  = "asia-northeast1"
}

variable "office_peer_ip" {
  type    = string
  default = "8.8.8.8"
}

variable "shared_secret" {
  type      = string
  sensitive = true
  default   = "change-me-please"
}

resource "google_compute_network" "vpc" {
  name                    = "corp-vpc"
  auto_create_subnetworks = false
}

resource "google_compute_address" "vpn" {
  name = "vpn-gw-ip"
}

resource "google_compute_vpn_gateway" "gw" {
  name    = "corp-vpn-gw"
  network = google_compute_network.vpc.id
}

resource "google_compute_forwarding_rule" "esp" {
  name        = "fr-esp"
  ip_protocol = "ESP"
  ip_address  = google_compute_address.vpn.address
  target      = google_compute_vpn_gateway.gw.id
}

resource "google_compute_forwarding_rule" "udp500" {
  name        = "fr-udp500"
  ip_protocol = "UDP"
  port_range  = "500"
  ip_address  = google_compute_address.vpn.address
  target      = google_compute_vpn_gateway.gw.id
}

resource "google_compute_forwarding_rule" "udp4500" {
  name        = "fr-udp4500"
  ip_protocol = "UDP"
  port_range  = "4500"
  ip_address  = google_compute_address.vpn.address
  target      = google_compute_vpn_gateway.gw.id
}

resource "google_compute_vpn_tunnel" "office" {
  name          = "tunnel-office"
  peer_ip       = var.office_peer_ip
  shared_secret = var.shared_secret
  ike_version   = 2

  target_vpn_gateway      = google_compute_vpn_gateway.gw.id
  local_traffic_selector  = ["10.10.0.0/16"]
  remote_traffic_selector = ["192.168.0.0/16"]

  depends_on = [
    google_compute_forwarding_rule.esp,
    google_compute_forwarding_rule.udp500,
    google_compute_forwarding_rule.udp4500,
  ]
}
