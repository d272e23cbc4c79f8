# terraform.applying (Terraform >= 1.10) is a valid ephemeral value,
# usable in locals and provider configuration. tfcomply: "Unsupported attribute".
locals {
  role = terraform.applying ? "apply-role" : "plan-role"
}

resource "aws_apigatewayv2_api" "api" {
  name          = "api"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "s" {
  api_id = aws_apigatewayv2_api.api.id
  name   = "prod"
}
