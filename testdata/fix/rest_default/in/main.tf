# A REST stage with execution logging on one path only: it fails the
# default profile, and access logging is the fix.
resource "aws_api_gateway_stage" "prod" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"

  tags = {
    team = "orders" # who to ask
  }
}

resource "aws_api_gateway_method_settings" "users" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "users/GET"
  settings {
    logging_level = "INFO"
  }
}
