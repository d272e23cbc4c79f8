variable "access_logging" {
  type = bool
}

module "api" {
  source         = "../../modules/api"
  name           = "orders-dev"
  access_logging = var.access_logging
}
