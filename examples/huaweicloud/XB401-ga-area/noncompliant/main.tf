# A Global Accelerator whose users enter outside the Chinese mainland (area OUTOFCM) and whose endpoint
# group sends the traffic to an origin in Beijing: cross-border acceleration.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_ga_accelerator" "overseas" {
  name        = "overseas-users"
  description = "entry for users abroad"

  ip_sets {
    area    = "OUTOFCM"
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
