# Shanghai-Guangzhou bandwidth over a China-China package (Volcengine Cloud Control provider)
provider "volcenginecc" {
  region = "cn-shanghai"
}

resource "volcenginecc_cen_bandwidth_package" "pkg" {
  cen_bandwidth_package_name     = "sh-pkg"
  local_geographic_region_set_id = "China"
  peer_geographic_region_set_id  = "China"
  bandwidth                      = 10
  billing_type                   = 1
}

resource "volcenginecc_cen_inter_region_bandwidth" "link" {
  cen_id                   = "cen-2bzrl3srxsv0g2dx0efyoexample"
  local_region_id          = "cn-shanghai"
  peer_region_id           = "cn-guangzhou"
  bandwidth                = 10
  cen_bandwidth_package_id = volcenginecc_cen_bandwidth_package.pkg.id
}
