"""HCL front end: tree-sitter-hcl (and JSON) to a small typed syntax tree."""
