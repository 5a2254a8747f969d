"""Terraform's built-in functions beyond the core set in `terraform/functions.py`, one module
per documented category. Each module exports `TABLE` (name -> implementation); arguments
arrive evaluated, failures raise `FunctionError` (or a plain ValueError/TypeError), which
`functions.call` turns into an Unknown. The documented list, with the functions that are
unknown by design, is data: `checks/terraform_functions.yaml`."""
