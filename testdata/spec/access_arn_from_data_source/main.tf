# A destination ARN built from the account id: a CloudWatch Logs ARN whose
# account source cannot know (UNKNOWN, and it says so); a plan knows it.
data "aws_caller_identity" "current" {}

resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}

resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:shared-api-logs"
    format          = "$context.requestId"
  }
}
