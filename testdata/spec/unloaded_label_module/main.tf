# A common module shape: everything counted on an "enabled" flag read from a
# label module that is not installed (no terraform init). The instances
# cannot be listed, but whatever exists has */* logging at var.level.
module "label" {
  source  = "example/label/null"
  version = "1.0.0"
}

variable "level" {
  type    = string
  default = "INFO"
}

locals {
  on = module.label.enabled
}

resource "aws_api_gateway_rest_api" "api" {
  count = local.on ? 1 : 0
  name  = module.label.id
}

resource "aws_api_gateway_deployment" "api" {
  count       = local.on ? 1 : 0
  rest_api_id = aws_api_gateway_rest_api.api[0].id
  triggers    = { redeployment = sha1(jsonencode(aws_api_gateway_rest_api.api[0].body)) }
}

resource "aws_api_gateway_stage" "api" {
  count         = local.on ? 1 : 0
  deployment_id = aws_api_gateway_deployment.api[0].id
  rest_api_id   = aws_api_gateway_rest_api.api[0].id
  stage_name    = module.label.stage

  dynamic "access_log_settings" {
    for_each = local.on && var.level != "OFF" ? [1] : []
    content {
      destination_arn = module.label.log_group_arn
      format          = "$context.requestId"
    }
  }
}

resource "aws_api_gateway_method_settings" "api" {
  count       = local.on ? 1 : 0
  rest_api_id = aws_api_gateway_rest_api.api[0].id
  stage_name  = aws_api_gateway_stage.api[0].stage_name
  method_path = "*/*"
  settings {
    logging_level = var.level
  }
}
