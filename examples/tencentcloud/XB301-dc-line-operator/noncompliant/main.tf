# A private line at a Shanghai access point provided by an international operator.
provider "tencentcloud" {
  region = "ap-shanghai"
}

resource "tencentcloud_dc_instance" "idc" {
  direct_connect_name = "sh-idc-line"
  access_point_id     = "ap-shanghai-b-xh"
  line_operator       = "InternationalOperator"
  port_type           = "10GBase-LR"
  bandwidth           = 1000
  location            = "Singapore data centre"
}
