resource "aws_cloudwatch_log_group" "access" {
  for_each          = toset(["a", "b", "c", "d"])
  name              = "/aws/apigateway/orders-${each.key}"
  retention_in_days = 30
}
