# A central network policy meshing enterprise routers in Beijing4 and Guangzhou.
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cc_central_network" "corp" {
  name = "corp-central"
}

resource "huaweicloud_cc_central_network_policy" "corp" {
  central_network_id = huaweicloud_cc_central_network.corp.id

  er_instances {
    project_id           = "0a1b2c3d00000000000000000000bj01"
    region_id            = "cn-north-4"
    enterprise_router_id = "er-bj-0001"
  }

  er_instances {
    project_id           = "0a1b2c3d00000000000000000000gz01"
    region_id            = "cn-south-1"
    enterprise_router_id = "er-gz-0001"
  }
}
