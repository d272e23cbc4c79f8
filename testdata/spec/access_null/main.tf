# A null destination is no destination.
resource "aws_api_gateway_stage" "null" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "null"
  access_log_settings {
    destination_arn = null
    format          = "$context.requestId"
  }
}
