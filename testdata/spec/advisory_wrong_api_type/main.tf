# Method settings pointed at an HTTP API's stage: they never apply.
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "s" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "prod"
}

resource "aws_api_gateway_method_settings" "wrong" {
  rest_api_id = aws_apigatewayv2_api.http.id
  stage_name  = aws_apigatewayv2_stage.s.name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
