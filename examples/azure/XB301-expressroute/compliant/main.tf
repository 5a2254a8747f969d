# ExpressRoute circuit for Azure China East 2 at the Shanghai peering location through China
# Telecom: a domestic private line.
provider "azurerm" {
  features {}
  environment = "china"
}

resource "azurerm_resource_group" "net" {
  name     = "rg-expressroute"
  location = "China East 2"
}

resource "azurerm_express_route_circuit" "sha" {
  name                  = "er-shanghai"
  resource_group_name   = azurerm_resource_group.net.name
  location              = azurerm_resource_group.net.location
  service_provider_name = "China Telecom"
  peering_location      = "Shanghai"
  bandwidth_in_mbps     = 200

  sku {
    tier   = "Standard"
    family = "MeteredData"
  }

  tags = {
    environment = "production"
  }
}
