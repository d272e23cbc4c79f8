variable "rest_api_id" { type = string }
variable "deployment" { type = string }
variable "name" { type = string }

resource "aws_api_gateway_stage" "this" {
  deployment_id = var.deployment
  rest_api_id   = var.rest_api_id
  stage_name    = var.name
}

output "stage_name" {
  value = aws_api_gateway_stage.this.stage_name
}
