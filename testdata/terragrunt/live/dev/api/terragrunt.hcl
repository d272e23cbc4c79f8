include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}

terraform {
  source = "../../../modules//api"
}

# Dev turns access logging off: the root's inputs say true, this wins.
inputs = {
  name           = "orders-${include.root.locals.env}"
  access_logging = false
}
