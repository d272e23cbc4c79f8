# WebSocket APIs: access logging or route logging.
resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/ws"
}

resource "aws_apigatewayv2_stage" "route_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "route_only"
  default_route_settings {
    logging_level          = "ERROR"
    throttling_burst_limit = 10
    throttling_rate_limit  = 10
  }
}

resource "aws_apigatewayv2_stage" "both" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "both"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
  default_route_settings {
    logging_level          = "INFO"
    throttling_burst_limit = 10
    throttling_rate_limit  = 10
  }
}

resource "aws_apigatewayv2_stage" "none" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "none"
  default_route_settings {
    logging_level          = "OFF"
    throttling_burst_limit = 10
    throttling_rate_limit  = 10
  }
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-cloudwatch"
}
