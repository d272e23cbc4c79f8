# */* logs at INFO, one path turned OFF: passes by default with a note,
# fails the strict profile even though access logging is on too.
resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.status"
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/prod-access"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.s.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

resource "aws_api_gateway_method_settings" "health" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.s.stage_name
  method_path = "health/GET"
  settings {
    logging_level = "OFF"
  }
}
