# Destinations that are not log destinations at all.
resource "aws_api_gateway_stage" "word" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "word"
  access_log_settings {
    destination_arn = "dest"
    format          = "$context.requestId"
  }
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

resource "aws_api_gateway_stage" "empty" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "empty"
  access_log_settings {
    destination_arn = ""
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "bad_account" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "bad_account"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:1234:log-group:x"
    format          = "$context.requestId"
  }
}
