# Terraform accepts the "resource." prefix for managed resources
# (terraform validate / plan succeed); tfcomply reports an error.
resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/access"
}

resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "s" {
  api_id = aws_apigatewayv2_api.api.id
  name   = "prod"
  access_log_settings {
    destination_arn = resource.aws_cloudwatch_log_group.access.arn
    format          = jsonencode({ requestId = "$context.requestId" })
  }
}

output "log_group" {
  value = resource.aws_cloudwatch_log_group.access.name
}
