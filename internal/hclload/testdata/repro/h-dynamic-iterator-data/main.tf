# A dynamic block whose iterator is named "data" (the block type, or
# iterator = data): inside content, data.value is the iterator, not a
# data source. Terraform plans this fine; tfcomply reports an error.
variable "logs" {
  default = [{ arn = "arn:aws:logs:us-east-1:123456789012:log-group:api", fmt = "$context.requestId" }]
}

resource "aws_apigatewayv2_stage" "s" {
  api_id = "abc123"
  name   = "prod"
  dynamic "access_log_settings" {
    for_each = var.logs
    iterator = data
    content {
      destination_arn = data.value.arn
      format          = data.value.fmt
    }
  }
}
