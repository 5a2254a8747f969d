# A CEN joining Beijing and Johor VPCs (Volcengine Cloud Control provider: members listed inline)
provider "volcenginecc" {
  region = "cn-beijing"
}

resource "volcenginecc_cen_cen" "corp" {
  cen_name = "corp-backbone"
  instances = [
    {
      instance_id        = "vpc-13fpdgwk7rxts3n6nu4example"
      instance_region_id = "cn-beijing"
      instance_type      = "VPC"
    },
    {
      instance_id        = "vpc-3nrh9xaexample"
      instance_region_id = "ap-southeast-1"
      instance_type      = "VPC"
    },
  ]
}
