output "vpc_id" {
  value = module.network.vpc_id
}

output "vpn_connections" {
  value = module.vpn.connection_ids
}
