resource "aws_api_gateway_stage" "no_deployment" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "orphan"
}

resource "aws_api_gateway_stage" "s3" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "s3"
  access_log_settings {
    destination_arn = "arn:aws:s3:::my-log-bucket"
    format          = "$context.requestId"
  }
}
