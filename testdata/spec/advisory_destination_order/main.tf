# Log groups and the stages that log to them.
resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}

resource "aws_cloudwatch_log_group" "here" {
  name = "here"
}

# Literal ARN of a log group created here, no reference, no depends_on.
resource "aws_api_gateway_stage" "unordered" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "unordered"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:here"
    format          = "$context.requestId"
  }
}

# The same, ordered by depends_on.
resource "aws_api_gateway_stage" "ordered" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "ordered"
  depends_on    = [aws_cloudwatch_log_group.here]
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:here"
    format          = "$context.requestId"
  }
}

# A reference to the arn orders it by itself.
resource "aws_api_gateway_stage" "referenced" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "referenced"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.here.arn
    format          = "$context.requestId"
  }
}

# A log group this configuration does not create.
resource "aws_api_gateway_stage" "elsewhere" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "elsewhere"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:shared-logs"
    format          = "$context.requestId"
  }
}
