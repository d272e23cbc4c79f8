variable "rest_api_id" { type = string }
variable "stage_name" { type = string }

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = var.rest_api_id
  stage_name  = var.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
