resource "huaweicloud_ga_accelerator" "this" {
  name = var.name

  ip_sets {
    area    = var.entry_area
    ip_type = "IPV4"
  }
}

resource "huaweicloud_ga_listener" "https" {
  accelerator_id = huaweicloud_ga_accelerator.this.id
  name           = "${var.name}-https"
  protocol       = "TCP"

  port_ranges {
    from_port = 443
    to_port   = 443
  }
}

resource "huaweicloud_ga_endpoint_group" "origin" {
  name      = "${var.name}-origin"
  region_id = var.origin_region

  listeners {
    id = huaweicloud_ga_listener.https.id
  }
}

resource "huaweicloud_ga_endpoint" "origin" {
  endpoint_group_id = huaweicloud_ga_endpoint_group.origin.id
  resource_id       = var.origin_eip_id
  resource_type     = "EIP"
}
