# Execution logging on one path only, no access logging.
resource "aws_api_gateway_stage" "b" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
}

resource "aws_api_gateway_method_settings" "b" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.b.stage_name
  method_path = "users/GET"
  settings {
    logging_level = "INFO"
  }
}
