variable "log_level" {
  type = string
}

variable "access_logs" {
  type    = bool
  default = false
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/orders"
}

resource "aws_api_gateway_stage" "gated" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "gated"

  dynamic "access_log_settings" {
    for_each = var.access_logs ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = "$context.requestId"
    }
  }
}

resource "aws_api_gateway_stage" "leveled" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "leveled"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_method_settings" "leveled" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.leveled.stage_name
  method_path = "*/*"
  settings {
    logging_level = var.log_level
  }
}

# This one can be fixed: the others stay as they are.
resource "aws_api_gateway_stage" "plain" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "plain"
}
