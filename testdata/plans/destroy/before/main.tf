resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/prod"
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw"
}

resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}
