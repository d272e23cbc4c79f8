resource "aws_api_gateway_rest_api" "api" {
  name = var.name
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}-access"
  retention_in_days = var.log_retention_days
}

resource "aws_api_gateway_stage" "api" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = var.environment

  dynamic "access_log_settings" {
    for_each = var.access_logging ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
    }
  }
}
