# Variable values from terraform.tfvars and *.auto.tfvars, as Terraform
# reads them: the auto file wins over terraform.tfvars.
variable "log_arn" {
  type = string
}

variable "level" {
  type = string
}

resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_stage" "s" {
  deployment_id = "abc"
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
  depends_on    = [aws_cloudwatch_log_group.access]
  access_log_settings {
    destination_arn = var.log_arn
    format          = "$context.requestId"
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name = "access"
}

resource "aws_api_gateway_method_settings" "s" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.s.stage_name
  method_path = "*/*"
  settings {
    logging_level = var.level
  }
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw"
}
