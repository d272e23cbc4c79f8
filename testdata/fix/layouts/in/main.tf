resource "aws_api_gateway_stage" "no_destination" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "nodest"
  access_log_settings {
    format = "$context.requestId $context.status"
  }
}

resource "aws_api_gateway_stage" "tabs" {
	deployment_id = aws_api_gateway_deployment.d.id
	rest_api_id   = aws_api_gateway_rest_api.r.id
	stage_name    = "tabs"
}

resource "aws_api_gateway_stage" "null_destination" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "nulldest"
  access_log_settings {
    destination_arn = null # to do
  }
}
