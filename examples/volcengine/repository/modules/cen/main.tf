resource "volcengine_cen" "this" {
  cen_name    = var.name
  description = "backbone"
}

resource "volcengine_cen_attach_instance" "member" {
  for_each = var.members

  cen_id             = volcengine_cen.this.id
  instance_id        = each.value.vpc_id
  instance_region_id = each.value.region
  instance_type      = "VPC"
}

resource "volcengine_cen_bandwidth_package" "this" {
  local_geographic_region_set_id = var.bandwidth_package.local
  peer_geographic_region_set_id  = var.bandwidth_package.peer
  bandwidth                      = var.bandwidth_package.bandwidth
  cen_bandwidth_package_name     = "${var.name}-bwp"
  billing_type                   = "PrePaid"
  period_unit                    = "Month"
  period                         = 1
}

resource "volcengine_cen_bandwidth_package_associate" "this" {
  cen_bandwidth_package_id = volcengine_cen_bandwidth_package.this.id
  cen_id                   = volcengine_cen.this.id
}

resource "volcengine_cen_inter_region_bandwidth" "link" {
  for_each = var.inter_region_links

  cen_id                   = volcengine_cen.this.id
  local_region_id          = each.value.local
  peer_region_id           = each.value.peer
  bandwidth                = each.value.bandwidth
  cen_bandwidth_package_id = volcengine_cen_bandwidth_package.this.id
}
