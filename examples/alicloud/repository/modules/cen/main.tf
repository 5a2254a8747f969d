resource "alicloud_cen_instance" "this" {
  cen_instance_name = var.name
  description       = "backbone for ${var.name}"
}

resource "alicloud_cen_instance_attachment" "member" {
  for_each = var.members

  instance_id              = alicloud_cen_instance.this.id
  child_instance_id        = each.value.vpc_id
  child_instance_type      = "VPC"
  child_instance_region_id = each.value.region
}
