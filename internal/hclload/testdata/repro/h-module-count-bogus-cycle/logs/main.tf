resource "aws_cloudwatch_log_group" "this" {
  name = "/aws/apigateway/access"
}
output "arn" {
  value = aws_cloudwatch_log_group.this.arn
}
output "format" {
  value = jsonencode({ requestId = "$context.requestId" })
}
