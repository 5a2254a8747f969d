# A Beijing4 global DC gateway linked to an enterprise router in Singapore.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_dc_global_gateway" "corp" {
  name    = "corp-gdgw"
  bgp_asn = 64512
}

resource "huaweicloud_dc_global_gateway_peer_link" "er" {
  name                 = "to-er-sg"
  global_dc_gateway_id = huaweicloud_dc_global_gateway.corp.id

  peer_site {
    gateway_id = "er-sg-0001"
    project_id = "0a1b2c3d00000000000000000000sg01"
    region_id  = "ap-southeast-3"
  }
}
