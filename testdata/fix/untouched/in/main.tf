resource "aws_api_gateway_stage" "fixed" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "fixed"
}

resource "aws_api_gateway_stage" "waived" {
  # tfcomply:ignore:apigateway_stage_logging_enabled reason="internal health API" expires=2099-12-31
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "waived"
}

resource "aws_api_gateway_stage" "passing" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "passing"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.passing.arn
    format          = "$context.requestId"
  }
}

resource "aws_cloudwatch_log_group" "passing" {
  name = "/aws/apigateway/passing"
}

resource "aws_api_gateway_stage" "overridden" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "overridden"
}

resource "aws_api_gateway_stage" "ignored_changes" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "ignored"
  lifecycle {
    ignore_changes = [access_log_settings]
  }
}
