# access_log_settings produced by a dynamic block, switched on and off.
variable "access_logs" {
  type    = map(bool)
  default = { on = true, off = false }
}

resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/access"
}

resource "aws_api_gateway_stage" "s" {
  for_each      = var.access_logs
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = each.key

  dynamic "access_log_settings" {
    for_each = each.value ? [aws_cloudwatch_log_group.access.arn] : []
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}
