# A destination variable left null gates the access log block off, and a
# map variable's default leaves */* at OFF: both are named, neither edited.
variable "access_log_arn" {
  type    = string
  default = null
}

variable "method_settings" {
  type = map(object({ level = string }))
  default = {
    "*/*"       = { level = "OFF" }
    "users/GET" = { level = "INFO" }
  }
}

resource "aws_api_gateway_rest_api" "r" {
  name = "x"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
}

resource "aws_api_gateway_stage" "gated" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "gated"

  dynamic "access_log_settings" {
    for_each = var.access_log_arn != null ? [var.access_log_arn] : []
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}

resource "aws_api_gateway_method_settings" "gated" {
  for_each    = var.method_settings
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.gated.stage_name
  method_path = each.key
  settings {
    logging_level = each.value.level
  }
}
