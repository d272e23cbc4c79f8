# data_trace_enabled logs full bodies: a note, not a failure. The access log
# format lacks $context.requestId: a note too.
resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
  depends_on    = [aws_cloudwatch_log_group.access]
  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:prod-access:*"
    format          = "$context.status"
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name = "prod-access"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.s.stage_name
  method_path = "*/*"
  settings {
    logging_level      = "INFO"
    data_trace_enabled = true
  }
}
