# A module call with a count (or for_each) that refers to anything, here
# var.enabled, loses every child node not reachable from the child's input
# variables; here the nested module call "stage" is evaluated before
# module.service[0] exists, so the nested stage is never instantiated.
# Terraform plans module.service[0].module.stage.aws_apigatewayv2_stage.s;
# tfcomply reports 0 stages, exit 0. (count = 1 reports it: FAIL.)
variable "enabled" {
  type    = bool
  default = true
}

module "service" {
  count  = var.enabled ? 1 : 0
  source = "./service"
  name   = "orders"
}
