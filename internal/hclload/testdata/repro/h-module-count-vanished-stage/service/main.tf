variable "name" {}

module "stage" {
  source = "../stage"
  name   = var.name
}
