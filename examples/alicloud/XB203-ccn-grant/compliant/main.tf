# The Cloud Connect Network is in Shanghai, like the VPC it shares a CEN with.
provider "alicloud" {
  region = "cn-shanghai"
}
provider "alicloud" {
  alias  = "ccn"
  region = "cn-shanghai"
}

resource "alicloud_cen_instance" "main" {
  cen_instance_name = "corp-backbone"
  protection_level  = "REDUCED"
}

resource "alicloud_vpc" "app" {
  vpc_name   = "app"
  cidr_block = "10.70.0.0/16"
}

resource "alicloud_cen_instance_attachment" "app" {
  instance_id              = alicloud_cen_instance.main.id
  child_instance_id        = alicloud_vpc.app.id
  child_instance_type      = "VPC"
  child_instance_region_id = "cn-shanghai"
}

# Smart Access Gateway branches join this Cloud Connect Network.
resource "alicloud_cloud_connect_network" "branches" {
  provider   = alicloud.ccn
  name       = "branches"
  cidr_block = "192.168.0.0/24"
  is_default = true
}

resource "alicloud_cloud_connect_network_grant" "branches" {
  ccn_id  = alicloud_cloud_connect_network.branches.id
  cen_id  = alicloud_cen_instance.main.id
  cen_uid = var.cen_account_id
}

variable "cen_account_id" {
  type    = string
  default = "1234567890123456"
}
