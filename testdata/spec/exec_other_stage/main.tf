# Method settings of another stage of the same API do not count.
resource "aws_api_gateway_stage" "logged" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "logged"
}

resource "aws_api_gateway_stage" "silent" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "silent"
}

resource "aws_api_gateway_method_settings" "logged" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.logged.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

# Same stage name, but another REST API: does not count either.
resource "aws_api_gateway_rest_api" "other" {
  name = "other"
}

resource "aws_api_gateway_method_settings" "other_api" {
  rest_api_id = aws_api_gateway_rest_api.other.id
  stage_name  = "silent"
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
