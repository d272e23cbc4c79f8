resource "aws_api_gateway_stage" "this" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "in-module"
}
