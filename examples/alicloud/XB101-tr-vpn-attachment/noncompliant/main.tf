# IPsec attachment on the Shanghai transit router to a US office: the tunnel reaches every
# network of the CEN.
provider "alicloud" {
  region = "cn-shanghai"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
}

resource "alicloud_cen_transit_router" "main" {
  cen_id              = alicloud_cen_instance.main.id
  transit_router_name = "tr-shanghai"
}

resource "alicloud_vpn_customer_gateway" "us_office" {
  customer_gateway_name = "us_office"
  ip_address            = "8.8.8.8"
}

resource "alicloud_vpn_gateway_vpn_attachment" "us_office" {
  vpn_attachment_name = "to-us_office"
  customer_gateway_id = alicloud_vpn_customer_gateway.us_office.id
  network_type        = "public"
  local_subnet        = "0.0.0.0/0"
  remote_subnet       = "0.0.0.0/0"
  effect_immediately  = false

  ike_config {
    ike_version = "ikev2"
    psk         = "change-me-please"
  }
}

resource "alicloud_cen_transit_router_vpn_attachment" "us_office" {
  cen_id            = alicloud_cen_instance.main.id
  transit_router_id = alicloud_cen_transit_router.main.transit_router_id
  vpn_id            = alicloud_vpn_gateway_vpn_attachment.us_office.id
  zone {
    zone_id = "cn-shanghai-b"
  }
}
