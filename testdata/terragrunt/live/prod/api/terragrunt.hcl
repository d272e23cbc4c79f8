include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "../../../modules//api"
}

inputs = {
  name = "orders-${include.root.locals.env}"
}
