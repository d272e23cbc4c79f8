# HTTP APIs: access logging decides; a logging_level has no effect.
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/http"
}

resource "aws_apigatewayv2_stage" "logged" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "logged"
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

resource "aws_apigatewayv2_stage" "route_only" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "route_only"
  default_route_settings {
    logging_level          = "INFO"
    throttling_burst_limit = 10
    throttling_rate_limit  = 10
  }
}

resource "aws_apigatewayv2_stage" "firehose" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "firehose"
  access_log_settings {
    destination_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-http"
    format          = "$context.requestId"
  }
}
