resource "aws_api_gateway_stage" "prod" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
}

# Only users/GET is logged: every other method stays OFF.
resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "users/GET"
  settings {
    logging_level = "INFO"
  }
}
