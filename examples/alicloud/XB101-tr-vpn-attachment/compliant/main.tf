# IPsec attachment on the Shanghai transit router to the Guangzhou plant (mainland address).
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

resource "alicloud_vpn_customer_gateway" "gz_plant" {
  customer_gateway_name = "gz_plant"
  ip_address            = "223.5.5.5"
}

resource "alicloud_vpn_gateway_vpn_attachment" "gz_plant" {
  vpn_attachment_name = "to-gz_plant"
  customer_gateway_id = alicloud_vpn_customer_gateway.gz_plant.id
  network_type        = "public"
  local_subnet        = "0.0.0.0/0"
  remote_subnet       = "0.0.0.0/0"
  effect_immediately  = false

  ike_config {
    ike_version = "ikev2"
    psk         = "change-me-please"
  }
}

resource "alicloud_cen_transit_router_vpn_attachment" "gz_plant" {
  cen_id            = alicloud_cen_instance.main.id
  transit_router_id = alicloud_cen_transit_router.main.transit_router_id
  vpn_id            = alicloud_vpn_gateway_vpn_attachment.gz_plant.id
  zone {
    zone_id = "cn-shanghai-b"
  }
}
