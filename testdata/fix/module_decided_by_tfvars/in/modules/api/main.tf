variable "name" {
  type = string
}

variable "access_logging" {
  type    = bool
  default = true
}

resource "aws_api_gateway_rest_api" "this" {
  name = var.name
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  triggers    = { redeployment = "1" }
}

resource "aws_cloudwatch_log_group" "access" {
  count = var.access_logging ? 1 : 0
  name  = "/aws/apigateway/${var.name}-access"
}

resource "aws_api_gateway_stage" "live" {
  rest_api_id   = aws_api_gateway_rest_api.this.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "live"

  dynamic "access_log_settings" {
    for_each = var.access_logging ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access[0].arn
      format          = "$context.requestId"
    }
  }
}
