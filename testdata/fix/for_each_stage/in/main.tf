locals {
  colours = {
    blue  = "v1"
    green = "v2"
  }
}

resource "aws_api_gateway_stage" "live" {
  for_each      = local.colours
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = each.key
  variables = {
    version = each.value
  }
}
