# Cross-border CEN bandwidth (China-Asia, China Unicom) and a Guangzhou-Hong Kong inter-region bandwidth: needs the carrier approval in approved_exits.
provider "volcengine" {
  region = "cn-guangzhou"
}

resource "volcengine_cen" "main" {
  cen_name = "south-backbone"
}

resource "volcengine_cen_bandwidth_package" "pkg" {
  cen_bandwidth_package_name     = "gz-pkg"
  local_geographic_region_set_id = "China"
  peer_geographic_region_set_id  = "Asia"
  line_operator                  = "ChinaUnicom"
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
  peer_region_id  = "cn-hongkong"
  bandwidth       = 20
  depends_on      = [volcengine_cen_bandwidth_package_associate.pkg]
}
