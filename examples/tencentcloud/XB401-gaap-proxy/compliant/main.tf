# A GAAP channel entering in Shanghai and pulling from a Guangzhou origin.
provider "tencentcloud" {
  region = "ap-guangzhou"
}

resource "tencentcloud_gaap_proxy" "entry" {
  name              = "sh-entry"
  bandwidth         = 10
  concurrent        = 2
  access_region     = "Shanghai"
  realserver_region = "Guangzhou"
}

resource "tencentcloud_gaap_realserver" "origin" {
  ip   = "114.114.114.114"
  name = "origin"
}
