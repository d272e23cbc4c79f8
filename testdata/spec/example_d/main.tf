# The destination comes from a variable with no default.
variable "log_arn" {
  type = string
}

resource "aws_api_gateway_stage" "d" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "dev"
  access_log_settings {
    destination_arn = var.log_arn
    format          = "$context.requestId"
  }
}
