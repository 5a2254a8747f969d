resource "tencentcloud_ccn" "this" {
  name                 = var.name
  description          = "backbone"
  qos                  = "AG"
  charge_type          = "PREPAID"
  bandwidth_limit_type = "INTER_REGION_LIMIT"
}

resource "tencentcloud_ccn_attachment" "member" {
  for_each = var.members

  ccn_id          = tencentcloud_ccn.this.id
  instance_type   = "VPC"
  instance_id     = each.value.vpc_id
  instance_region = each.value.region
}
