variable "name" {
  type = string
}

variable "access_logs" {
  type = bool
}

variable "rest_api_id" {
  type = string
}

variable "deployment" {
  type = string
}

resource "aws_cloudwatch_log_group" "access" {
  count = var.access_logs ? 1 : 0
  name  = "/aws/apigateway/${var.name}"
}

resource "aws_api_gateway_stage" "this" {
  deployment_id = var.deployment
  rest_api_id   = var.rest_api_id
  stage_name    = var.name

  dynamic "access_log_settings" {
    for_each = aws_cloudwatch_log_group.access
    content {
      destination_arn = access_log_settings.value.arn
      format          = "$context.requestId"
    }
  }
}
