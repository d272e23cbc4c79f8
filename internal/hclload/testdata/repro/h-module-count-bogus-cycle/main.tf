# Same root cause: module.logs has count = var.enabled ? 1 : 0, so its
# log group (no dependency on a module input) is never evaluated. The stage
# reads its ARN and gets UNKNOWN "part of a dependency cycle"; Terraform
# plans it fine (destination_arn known after apply). With count = 1: PASS.
variable "enabled" {
  type    = bool
  default = true
}
module "logs" {
  count  = var.enabled ? 1 : 0
  source = "./logs"
}
locals {
  log_arn = module.logs[0].arn
}
resource "aws_apigatewayv2_stage" "s" {
  api_id = "abc123"
  name   = "prod"
  access_log_settings {
    destination_arn = local.log_arn
    format          = module.logs[0].format
  }
}
