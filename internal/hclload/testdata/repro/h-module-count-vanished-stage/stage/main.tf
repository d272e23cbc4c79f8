variable "name" {}

resource "aws_apigatewayv2_stage" "s" {
  api_id = "abc123"
  name   = var.name
}
