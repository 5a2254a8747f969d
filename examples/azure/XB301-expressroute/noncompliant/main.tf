# ExpressRoute circuit for Azure China East 2 ordered at the Hong Kong peering location through
# Equinix: a private line from the mainland region to Hong Kong.
provider "azurerm" {
  features {}
  environment = "china"
}

resource "azurerm_resource_group" "net" {
  name     = "rg-expressroute"
  location = "China East 2"
}

resource "azurerm_express_route_circuit" "hk" {
  name                  = "er-hongkong"
  resource_group_name   = azurerm_resource_group.net.name
  location              = azurerm_resource_group.net.location
  service_provider_name = "Equinix"
  peering_location      = "Hong Kong"
  bandwidth_in_mbps     = 200

  sku {
    tier   = "Standard"
    family = "MeteredData"
  }

  tags = {
    environment = "production"
  }
}
