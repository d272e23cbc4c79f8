# Stages by for_each; method settings for_each over the stages themselves.
locals {
  stages = {
    dev  = { level = "INFO" }
    prod = { level = "ERROR" }
    test = { level = "OFF" }
  }
}

resource "aws_api_gateway_stage" "s" {
  for_each      = local.stages
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = each.key
}

resource "aws_api_gateway_method_settings" "s" {
  for_each    = aws_api_gateway_stage.s
  rest_api_id = each.value.rest_api_id
  stage_name  = each.value.stage_name
  method_path = "*/*"
  settings {
    logging_level = local.stages[each.key].level
  }
}
