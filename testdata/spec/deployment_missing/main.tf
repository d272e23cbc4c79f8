# A REST stage must reference a deployment, whatever its logging says.
resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/access"
}

resource "aws_api_gateway_stage" "empty" {
  deployment_id = ""
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "empty"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "missing" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "missing"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}
