# A common module pattern: the access log block exists when a destination
# is given. Here the destination is a new log group's ARN, unknown until
# apply, but never null: the block exists, and logs go to the log group.
variable "log_group_arn" {
  type    = string
  default = null
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/http"
}

locals {
  destination = coalesce(var.log_group_arn, aws_cloudwatch_log_group.access.arn)
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "$default"

  dynamic "access_log_settings" {
    for_each = local.destination != null ? [local.destination] : []
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}
