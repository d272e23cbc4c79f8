# Firehose destinations: only streams named amazon-apigateway-* receive logs.
resource "aws_api_gateway_stage" "good_literal" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "a"
  access_log_settings {
    destination_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs"
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "bad_literal" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "b"
  access_log_settings {
    destination_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/api-logs"
    format          = "$context.requestId"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "good" {
  name        = "amazon-apigateway-prod"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose"
    bucket_arn = "arn:aws:s3:::logs"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "bad" {
  name        = "prod-api-logs"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose"
    bucket_arn = "arn:aws:s3:::logs"
  }
}

resource "aws_api_gateway_stage" "good_ref" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "c"
  access_log_settings {
    destination_arn = aws_kinesis_firehose_delivery_stream.good.arn
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "bad_ref" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "d"
  access_log_settings {
    destination_arn = aws_kinesis_firehose_delivery_stream.bad.arn
    format          = "$context.requestId"
  }
}
