variable "subnet_ids" {
  type = map(string)
  default = {
    sha = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net-sha/providers/Microsoft.Network/virtualNetworks/vnet-sha/subnets/GatewaySubnet"
    bjs = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net-bjs/providers/Microsoft.Network/virtualNetworks/vnet-bjs/subnets/GatewaySubnet"
    hkg = "/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-net-hkg/providers/Microsoft.Network/virtualNetworks/vnet-hkg/subnets/GatewaySubnet"
  }
}
