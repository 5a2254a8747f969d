# A Global Accelerator whose users enter in the Chinese mainland (area CM) and whose endpoint group
# sends the traffic to an origin in Beijing: both ends are mainland.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_ga_accelerator" "overseas" {
  name        = "mainland-users"
  description = "entry for users in the mainland"

  ip_sets {
    area    = "CM"
    ip_type = "IPV4"
  }
}

resource "huaweicloud_ga_listener" "https" {
  accelerator_id = huaweicloud_ga_accelerator.overseas.id
  name           = "https"
  protocol       = "TCP"

  port_ranges {
    from_port = 443
    to_port   = 443
  }
}

resource "huaweicloud_ga_endpoint_group" "origin" {
  name      = "origin-beijing"
  region_id = "cn-north-4"

  listeners {
    id = huaweicloud_ga_listener.https.id
  }
}
