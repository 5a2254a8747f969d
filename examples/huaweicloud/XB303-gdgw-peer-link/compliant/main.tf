# A Beijing4 global DC gateway linked to an enterprise router in Shanghai1.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_dc_global_gateway" "corp" {
  name    = "corp-gdgw"
  bgp_asn = 64512
}

resource "huaweicloud_dc_global_gateway_peer_link" "er" {
  name                 = "to-er-sh"
  global_dc_gateway_id = huaweicloud_dc_global_gateway.corp.id

  peer_site {
    gateway_id = "er-sh-0001"
    project_id = "0a1b2c3d00000000000000000000sh01"
    region_id  = "cn-east-3"
  }
}
