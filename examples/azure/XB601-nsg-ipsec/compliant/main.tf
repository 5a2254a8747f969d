# Network security group in Azure China East 2 for a self-managed IPsec appliance, opening IKE and
# NAT-T to the Nanjing and Hangzhou offices (mainland addresses).
provider "azurerm" {
  features {}
  environment = "china"
}

variable "ipsec_peers" {
  type    = list(string)
  default = ["114.114.114.114", "223.5.5.5"]
}

resource "azurerm_resource_group" "net" {
  name     = "rg-ipsec"
  location = "China East 2"
}

resource "azurerm_network_security_group" "ipsec" {
  name                = "nsg-ipsec"
  location            = azurerm_resource_group.net.location
  resource_group_name = azurerm_resource_group.net.name

  security_rule {
    name                       = "allow-ike-natt"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_ranges    = ["500", "4500"]
    source_address_prefixes    = var.ipsec_peers
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-https"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "esp" {
  name                        = "allow-esp"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Esp"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefixes     = var.ipsec_peers
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.net.name
  network_security_group_name = azurerm_network_security_group.ipsec.name
}
