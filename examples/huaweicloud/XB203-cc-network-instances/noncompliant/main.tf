# A cloud connection loading VPCs from Beijing4 and CN-Hong Kong (ap-southeast-1).
provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_cc_connection" "corp" {
  name = "corp-backbone"
}

resource "huaweicloud_cc_network_instance" "bj" {
  cloud_connection_id = huaweicloud_cc_connection.corp.id
  type                = "vpc"
  instance_id         = "0a1b2c3d-0000-0000-0000-000000000001"
  project_id          = "0a1b2c3d00000000000000000000bj01"
  region_id           = "cn-north-4"
  cidrs               = ["10.10.0.0/16"]
}

resource "huaweicloud_cc_network_instance" "hk" {
  cloud_connection_id = huaweicloud_cc_connection.corp.id
  type                = "vpc"
  instance_id         = "0a1b2c3d-0000-0000-0000-000000000002"
  project_id          = "0a1b2c3d00000000000000000000hk01"
  region_id           = "ap-southeast-1"
  cidrs               = ["10.20.0.0/16"]
}
