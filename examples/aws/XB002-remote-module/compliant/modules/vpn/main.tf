variable "customer_gateway_ip" {
  type = string
}

resource "aws_customer_gateway" "this" {
  bgp_asn    = 65010
  ip_address = var.customer_gateway_ip
  type       = "ipsec.1"
}
