# The compliance.tf example: access logging only.
resource "aws_api_gateway_stage" "a" {
  deployment_id = "abc123"
  rest_api_id   = "abc123"
  stage_name    = "example"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:example-log-group"
    format          = "$context.requestId"
  }
}
