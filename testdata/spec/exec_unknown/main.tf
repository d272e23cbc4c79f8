# Values that source cannot know: a logging level and a stage name from
# variables without defaults.
variable "level" {
  type = string
}

variable "stage" {
  type = string
}

resource "aws_api_gateway_stage" "level" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "level"
}

resource "aws_api_gateway_method_settings" "level" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.level.stage_name
  method_path = "*/*"
  settings {
    logging_level = var.level
  }
}

resource "aws_api_gateway_stage" "name" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "name"
}

resource "aws_api_gateway_method_settings" "name" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = var.stage
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
