# Execution logging associated by name (a literal), not by reference.
resource "aws_api_gateway_stage" "c" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "staging"
}

resource "aws_api_gateway_method_settings" "c" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "staging"
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}
