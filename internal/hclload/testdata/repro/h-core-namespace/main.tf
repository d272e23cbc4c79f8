# Terraform >= 1.8 accepts built-in functions with the core:: namespace
# prefix (core::upper == upper). tfcomply: 'no functions in namespace "core::"'.
resource "aws_cloudwatch_log_group" "access" {
  name = core::lower("/aws/apigateway/API-Access")
}

resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "s" {
  api_id = aws_apigatewayv2_api.api.id
  name   = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = core::jsonencode({ requestId = "$context.requestId" })
  }
}
