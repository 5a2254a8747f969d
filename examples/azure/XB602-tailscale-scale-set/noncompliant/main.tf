# A scale set in Azure China East 2 whose custom data joins every instance to a tailnet whose
# self-hosted control server (--login-server) is in Frankfurt.
provider "azurerm" {
  features {}
  environment = "china"
}

resource "azurerm_linux_virtual_machine_scale_set" "nodes" {
  name                = "nodes"
  resource_group_name = "rg-nodes"
  location            = "chinaeast2"
  sku                 = "Standard_D2s_v5"
  instances           = 2
  admin_username      = "azureuser"
  custom_data = base64encode(<<-EOT
    #!/bin/bash
    curl -fsSL https://pkgs.tailscale.com/stable/install.sh | sh
    tailscale up --login-server=https://18.184.10.10 --authkey=$(cat /etc/ts-key)
  EOT
  )
}
