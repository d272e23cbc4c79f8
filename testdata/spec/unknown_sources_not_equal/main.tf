# Two stage names that are both unknown because of the same missing module
# are not therefore equal: the association stays open (UNKNOWN), it is not
# assumed (PASS).
module "names" {
  source = "example/names/null"
}

resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_stage" "s" {
  deployment_id = "abc123"
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = module.names.stage
}

resource "aws_api_gateway_method_settings" "m" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "${module.names.stage}-canary"
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
