# Instances that do not exist get no result.
resource "aws_api_gateway_stage" "count_zero" {
  count         = 0
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "zero"
}

resource "aws_api_gateway_stage" "empty_for_each" {
  for_each      = toset([])
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = each.key
}

module "off" {
  source = "./stage"
  count  = 0
}
