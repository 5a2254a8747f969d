output "eip_address" {
  value = huaweicloud_vpc_eip.gw.address
}
