# Runs in whatever region the caller's provider has: Hong Kong here.
resource "aws_customer_gateway" "shanghai" {
  bgp_asn    = 65001
  ip_address = "114.114.114.114"
  type       = "ipsec.1"
}
