# Guangzhou-Beijing bandwidth over a China-China package.
provider "volcengine" {
  region = "cn-guangzhou"
}

resource "volcengine_cen" "main" {
  cen_name = "south-backbone"
}

resource "volcengine_cen_bandwidth_package" "pkg" {
  cen_bandwidth_package_name     = "gz-pkg"
  local_geographic_region_set_id = "China"
  peer_geographic_region_set_id  = "China"
  bandwidth                      = 20
  billing_type                   = "PrePaid"
  period_unit                    = "Month"
  period                         = 1
}

resource "volcengine_cen_bandwidth_package_associate" "pkg" {
  cen_bandwidth_package_id = volcengine_cen_bandwidth_package.pkg.id
  cen_id                   = volcengine_cen.main.id
}

resource "volcengine_cen_inter_region_bandwidth" "link" {
  cen_id          = volcengine_cen.main.id
  local_region_id = "cn-guangzhou"
  peer_region_id  = "cn-beijing"
  bandwidth       = 20
  depends_on      = [volcengine_cen_bandwidth_package_associate.pkg]
}
