"""Static evaluation of Terraform modules: never runs Terraform, never downloads."""
