resource "aws_api_gateway_stage" "overridden" {
  description = "set by the override"
}
