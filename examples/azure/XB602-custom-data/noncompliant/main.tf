# Linux VM in Azure China North 3 whose cloud-init custom_data installs WireGuard with a peer registered to US (8.8.8.8).
provider "azurerm" {
  features {}
  environment = "china"
}

variable "admin_ssh_key" {
  type    = string
  default = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyExampleKeyExampleKeyExample admin"
}

locals {
  cloud_init = <<-CLOUDINIT
#cloud-config
packages:
  - wireguard-tools
write_files:
  - path: /etc/wireguard/wg0.conf
    permissions: "0600"
    content: |
      [Interface]
      Address = 10.200.0.2/24
      PrivateKey = REPLACE_ME

      [Peer]
      PublicKey = hXr3Xl0Yk1vUfEnJt0wPp0kP1sQ2uQ4GvN0aZ7qL9mE=
      Endpoint = 8.8.8.8:51820
      AllowedIPs = 10.100.0.0/16
runcmd:
  - systemctl enable --now wg-quick@wg0
CLOUDINIT
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "China North 3"
}

resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name
  address_space       = ["10.3.0.0/16"]
}

resource "azurerm_subnet" "app" {
  name                 = "snet-app"
  resource_group_name  = azurerm_resource_group.app.name
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.3.1.0/24"]
}

resource "azurerm_network_interface" "vm" {
  name                = "nic-vm"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name

  ip_configuration {
    name                          = "internal"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm-app"
  location              = azurerm_resource_group.app.location
  resource_group_name   = azurerm_resource_group.app.name
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.vm.id]
  custom_data           = base64encode(local.cloud_init)

  admin_ssh_key {
    username   = "azureuser"
    public_key = var.admin_ssh_key
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts-gen2"
    version   = "latest"
  }
}
