# The API is not in this configuration: route logging counts only if it is
# a WebSocket API, which cannot be known here.
variable "api_id" {
  type    = string
  default = "a1b2c3"
}

resource "aws_apigatewayv2_stage" "s" {
  api_id = var.api_id
  name   = "prod"
  default_route_settings {
    logging_level          = "INFO"
    throttling_burst_limit = 10
    throttling_rate_limit  = 10
  }
}
