resource "huaweicloud_cc_connection" "this" {
  name        = var.name
  description = "backbone"
}

resource "huaweicloud_cc_network_instance" "vpc" {
  for_each = var.networks

  type                = "vpc"
  cloud_connection_id = huaweicloud_cc_connection.this.id
  instance_id         = each.value.vpc_id
  project_id          = each.value.project_id
  region_id           = each.value.region
  cidrs               = each.value.cidrs
}

resource "huaweicloud_cc_bandwidth_package" "this" {
  name           = "${var.name}-bwp"
  local_area_id  = var.bandwidth_package.local_area
  remote_area_id = var.bandwidth_package.remote_area
  charge_mode    = "bandwidth"
  billing_mode   = 3
  bandwidth      = var.bandwidth_package.size
  resource_id    = huaweicloud_cc_connection.this.id
  resource_type  = "cloud_connection"
}

resource "huaweicloud_cc_inter_region_bandwidth" "this" {
  for_each = var.inter_region

  cloud_connection_id  = huaweicloud_cc_connection.this.id
  bandwidth_package_id = huaweicloud_cc_bandwidth_package.this.id
  bandwidth            = 5
  inter_region_ids     = each.value
}
