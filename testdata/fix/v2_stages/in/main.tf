resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# HTTP APIs have access logging only.
resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "live"
}

resource "aws_apigatewayv2_stage" "ws_throttled" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "throttled"
  default_route_settings {
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
}

# Firehose is a REST feature: fix does not replace a destination.
resource "aws_apigatewayv2_stage" "firehose" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "firehose"
  access_log_settings {
    destination_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-http"
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-cloudwatch"
}
