# for_each over a required map variable that has no value: the instances
# cannot be listed. Where a stage's logging does not depend on each.key or
# each.value, every instance gets the same verdict, and it is decided.
variable "stages" {
  type = map(object({ log = bool }))
}

resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}

resource "aws_cloudwatch_log_group" "access" {
  name = "api-access"
}

resource "aws_api_gateway_stage" "logged" {
  for_each      = var.stages
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = each.key
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "unlogged" {
  for_each      = var.stages
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "plain-${each.key}"
}

resource "aws_api_gateway_stage" "per_instance" {
  for_each      = var.stages
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "opt-${each.key}"
  dynamic "access_log_settings" {
    for_each = each.value.log ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = "$context.requestId"
    }
  }
}
