# A private line at a Shanghai access point provided by China Telecom from a Shanghai IDC.
provider "tencentcloud" {
  region = "ap-shanghai"
}

resource "tencentcloud_dc_instance" "idc" {
  direct_connect_name = "sh-idc-line"
  access_point_id     = "ap-shanghai-b-xh"
  line_operator       = "ChinaTelecom"
  port_type           = "10GBase-LR"
  bandwidth           = 1000
  location            = "Shanghai Pudong IDC"
}
