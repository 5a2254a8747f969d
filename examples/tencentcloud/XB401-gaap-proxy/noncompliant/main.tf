# A GAAP channel entering in Hong Kong and pulling from a Beijing origin.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_gaap_proxy" "entry" {
  name              = "hk-entry"
  bandwidth         = 10
  concurrent        = 2
  access_region     = "Hongkong"
  realserver_region = "Beijing"
}

resource "tencentcloud_gaap_realserver" "origin" {
  ip   = "114.114.114.114"
  name = "origin"
}
