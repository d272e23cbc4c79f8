# Destinations that resolve, through locals, conditionals and module outputs,
# to the arn of a log group created here (unknown until apply).
variable "use_module" {
  type    = bool
  default = true
}

resource "aws_cloudwatch_log_group" "direct" {
  name = "/aws/apigateway/direct"
}

locals {
  log_arn = var.use_module ? module.logs.arn : aws_cloudwatch_log_group.direct.arn
}

module "logs" {
  source = "./modules/logs"
  name   = "/aws/apigateway/from-module"
}

resource "aws_api_gateway_stage" "via_local" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "via_local"
  access_log_settings {
    destination_arn = local.log_arn
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "with_suffix" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "with_suffix"
  access_log_settings {
    destination_arn = "${aws_cloudwatch_log_group.direct.arn}:*"
    format          = "$context.requestId"
  }
}
