# */* with logging_level OFF, and */* with no logging_level at all.
resource "aws_api_gateway_stage" "off" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "off"
}

resource "aws_api_gateway_method_settings" "off" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.off.stage_name
  method_path = "*/*"
  settings {
    logging_level = "OFF"
  }
}

resource "aws_api_gateway_stage" "unset" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "unset"
}

resource "aws_api_gateway_method_settings" "unset" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.unset.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = true
  }
}
